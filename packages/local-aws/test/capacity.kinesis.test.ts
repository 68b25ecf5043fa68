import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClients,
  readCapacity,
  resetCapacity,
  startEmulator,
  type AwsClients,
  type Emulator,
} from '../src/index.js';

// Kinesis bills and throttles per shard (records and bytes of data plus partition key): the
// emulator counts each record in the shard its answer names, and each GetRecords by its iterator's shard.

const STREAM = 'capacity-inventory';
let emulator: Emulator;
let clients: AwsClients;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  clients = createClients(emulator.endpoint, 'eu-west-1');
  await clients.kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
});

afterAll(async () => {
  clients?.destroy();
  await emulator?.stop();
});

describe('the emulator capacity meter, Kinesis', () => {
  it('When nothing has reset the meter yet, then it records nothing (metering costs the emulator CPU)', async () => {
    // A stream of its own: the tests below read theirs from the start.
    const stream = `${STREAM}-unmetered`;
    await clients.kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    await clients.kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: [{ PartitionKey: 'k', Data: new Uint8Array([1]) }],
      }),
    );
    const reading = await readCapacity(emulator.endpoint);
    expect(reading.kinesis).toEqual([]);
    expect(reading.dynamodb).toEqual([]);
  });

  it('When three records are put and each shard is read, then records and bytes land in the shards the answer named', async () => {
    await resetCapacity(emulator.endpoint);
    const records = ['sku-1', 'sku-22', 'sku-333'].map((key, i) => ({
      PartitionKey: key,
      Data: new TextEncoder().encode('x'.repeat(10 * (i + 1))),
    }));

    const answer = await clients.kinesis.send(
      new PutRecordsCommand({ StreamName: STREAM, Records: records }),
    );
    const expected = new Map<string, { records: number; bytes: number }>();
    answer.Records!.forEach((landed, i) => {
      const shard = expected.get(landed.ShardId!) ?? { records: 0, bytes: 0 };
      const record = records[i]!;
      shard.records += 1;
      shard.bytes += record.Data.length + record.PartitionKey.length;
      expected.set(landed.ShardId!, shard);
    });
    for (const shard of expected.keys()) {
      const { ShardIterator } = await clients.kinesis.send(
        new GetShardIteratorCommand({
          StreamName: STREAM,
          ShardId: shard,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      await clients.kinesis.send(new GetRecordsCommand({ ShardIterator }));
    }

    const rows = (await readCapacity(emulator.endpoint)).kinesis.filter((r) => r.stream === STREAM);
    const byShard = (direction: 'in' | 'out') =>
      Object.fromEntries(
        rows
          .filter((r) => r.direction === direction)
          .map((r) => [r.shard, { records: r.records, bytes: r.bytes }]),
      );
    expect(byShard('in')).toEqual(Object.fromEntries(expected));
    expect(byShard('out')).toEqual(Object.fromEntries(expected));
    expect(rows.every((r) => r.calls === 1)).toBe(true);
    expect(expected.size).toBe(2); // these keys hash to both shards
    expect([...expected.values()].reduce((n, s) => n + s.records, 0)).toBe(3);
  });
});
