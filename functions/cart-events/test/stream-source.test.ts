import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { recordAwsCalls } from '@shopeasy/service-kit/aws';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamSource, type SkippedRange, type StreamSourceOptions } from '../src/local/index.js';
import {
  clientConfig,
  clients,
  createCartTable,
  inventoryEventsOf,
  relayTo,
  waitFor,
  writeCart,
} from './support/cart-stream.js';

// The local DynamoDB stream event source against the emulator: cart items with outboxes written
// through the SDK, read from the table's stream, handed to the real handler or to one that fails.

const { dynamodb, streams, kinesis } = clients();
const region = process.env.AWS_REGION ?? 'us-east-1';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cart-events-'));
});
afterAll(() => {
  for (const client of [dynamodb, streams, kinesis]) client.destroy();
  rmSync(dir, { recursive: true, force: true });
});

type Handler = StreamSourceOptions['handler'];
/** The sequence numbers of each invocation, with the handler it wraps. */
function recording(inner: Handler = async () => ({ batchItemFailures: [] })) {
  const invocations: string[][] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    invocations.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
    return inner(event);
  };
  return { invocations, handler, delivered: () => invocations.flat() };
}

const start = (tableName: string, handler: Handler, more: Partial<StreamSourceOptions> = {}) =>
  startStreamSource({ dynamodb, streams, tableName, region, handler, pollMs: 20, retryDelayMs: 10, ...more });

describe('the local DynamoDB stream event source', () => {
  it('When shoppers change their carts, then each outbox event reaches the inventory stream once, in write order per shopper and product', async () => {
    const tableName = await createCartTable(dynamodb);
    const [ada, bob, cy] = ['ada', 'bob', 'cy'].map((n) => `${n}-${randomUUID()}`) as [
      string,
      string,
      string,
    ];
    await writeCart(dynamodb, tableName, ada, [['p1', 2]]);
    await writeCart(dynamodb, tableName, bob, [['p1', 1]]);
    await writeCart(dynamodb, tableName, ada, [
      ['p1', 1],
      ['p2', 1],
    ]);
    // A write that changed no line stores no outbox: nothing to relay.
    await writeCart(dynamodb, tableName, cy, []);
    await writeCart(dynamodb, tableName, ada, [['p1', -3]]);
    const handler = relayTo(kinesis);
    const calls = join(dir, 'calls.jsonl');
    process.env.AWS_CALL_LOG = calls;
    // Recorded as the runner records them, for the IAM check.
    const recorded = recordAwsCalls(new DynamoDBStreamsClient(clientConfig()), 'cartEvents');
    delete process.env.AWS_CALL_LOG;
    const run = recording(handler);
    const source = start(tableName, run.handler, { batchSize: 2, streams: recorded });

    await waitFor('five cart writes relayed', () => run.delivered().length === 5);
    await source.stop();

    const events = await inventoryEventsOf(kinesis, [ada, bob, cy]);
    const ofAda = (productId: string) =>
      events
        .filter((e) => 'userId' in e && e.userId === ada && e.productId === productId)
        .map((e) => e.quantityDelta);
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
    expect(ofAda('p1')).toEqual([2, 1, -3]);
    expect(ofAda('p2')).toEqual([1]);
    expect(events.filter((e) => 'userId' in e && e.userId === bob).map((e) => e.quantityDelta)).toEqual([1]);
    expect(run.invocations.map((batch) => batch.length)).toEqual([2, 2, 1]);
    const stream = [{ type: 'table-stream', name: tableName }];
    expect(
      readFileSync(calls, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(
      ['DescribeStream', 'GetShardIterator', 'GetRecords'].map((action) => ({
        component: 'cartEvents',
        service: 'dynamodb',
        action: `dynamodb:${action}`,
        resources: stream,
      })),
    );
    recorded.destroy();
  });

  it('When the handler fails a record twice, then that record and the ones after it come again, none before it', async () => {
    const tableName = await createCartTable(dynamodb);
    const userId = `dee-${randomUUID()}`;
    for (const delta of [1, 2, 3, 4, 5]) await writeCart(dynamodb, tableName, userId, [['p1', delta]]);
    let failures = 0;
    const run = recording(async (event): Promise<DynamoDBBatchResponse> => {
      const third = event.Records.find(
        (r) => r.dynamodb?.NewImage?.outbox?.M?.events?.L?.[0]?.M?.quantityDelta?.N === '3',
      );
      if (third && failures < 2) {
        failures += 1;
        return { batchItemFailures: [{ itemIdentifier: third.dynamodb!.SequenceNumber! }] };
      }
      return { batchItemFailures: [] };
    });
    const source = start(tableName, run.handler, { batchSize: 10 });

    await waitFor('the retried records relayed', () => failures === 2 && run.invocations.length === 3);
    await source.stop();

    const [all, retried, last] = run.invocations as [string[], string[], string[]];
    expect(all).toHaveLength(5);
    expect(retried).toEqual(all.slice(2));
    expect(last).toEqual(all.slice(2));
  });

  it('When a record keeps failing past the last attempt, then its range is given up and later writes still go', async () => {
    const tableName = await createCartTable(dynamodb);
    const userId = `eve-${randomUUID()}`;
    for (const delta of [1, 2]) await writeCart(dynamodb, tableName, userId, [['p1', delta]]);
    const skipped: SkippedRange[] = [];
    const run = recording(async (event) => {
      if (event.Records.length === 2) throw new Error('Kinesis is down');
      return { batchItemFailures: [] };
    });
    const source = start(tableName, run.handler, { maxAttempts: 2, onGiveUp: (s) => skipped.push(s) });
    await waitFor('a range given up', () => skipped.length === 1);
    await writeCart(dynamodb, tableName, userId, [['p1', 3]]);
    await waitFor('the next write relayed', () => run.invocations.length === 3);
    await source.stop();

    const [first, second, next] = run.invocations as [string[], string[], string[]];
    expect(second).toEqual(first);
    expect(skipped).toEqual([
      expect.objectContaining({
        firstSequenceNumber: first[0],
        lastSequenceNumber: first[1],
        records: 2,
        attempts: 2,
      }),
    ]);
    expect(next).toHaveLength(1);
  });

  it('When a source is stopped mid-batch and started again with its checkpoint file, then it relays nothing twice', async () => {
    const tableName = await createCartTable(dynamodb);
    const userId = `fay-${randomUUID()}`;
    const checkpointFile = join(dir, `${tableName}.json`);
    const handler = relayTo(kinesis);
    for (const delta of [1, 2, 3]) await writeCart(dynamodb, tableName, userId, [['p1', delta]]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = recording(async (event) => {
      await held;
      return handler(event);
    });
    const before = start(tableName, first.handler, { checkpointFile });
    await waitFor('the first batch in flight', () => first.invocations.length === 1);
    const stopped = before.stop();
    release();
    await stopped;
    for (const delta of [4, 5]) await writeCart(dynamodb, tableName, userId, [['p1', delta]]);
    const second = recording(handler);
    const after = start(tableName, second.handler, { checkpointFile });
    await waitFor('the new writes relayed', () => second.delivered().length >= 2);
    await after.stop();

    expect(first.invocations).toHaveLength(1);
    expect(second.invocations).toEqual([expect.any(Array)]);
    expect(second.delivered()).toHaveLength(2);
    const events = await inventoryEventsOf(kinesis, [userId]);
    expect(events.map((e) => e.quantityDelta)).toEqual([1, 2, 3, 4, 5]);
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { shards: Record<string, unknown> };
    expect(Object.values(saved.shards)).toEqual([{ sequenceNumber: second.delivered()[1] }]);
  });
});
