import { createAwsClients } from '@shopeasy/service-kit/aws';
import { eventually } from '@shopeasy/service-kit/testing';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogRepository, type CatalogRepository } from '../src/data-access/catalog-repository.js';
import { startInventoryConsumer, type RunningInventoryConsumer } from '../src/worker/inventory-consumer.js';
import { createCategory, createProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, kinesisClient, putRecords } from './support/stream.js';

let h: Harness;
let categoryId: string;
const kinesis = kinesisClient();
const running: RunningInventoryConsumer[] = [];
const streams: { drop(): Promise<void> }[] = [];

beforeAll(async () => {
  h = await startHarness({ CATALOG_CACHE_TTL_MS: '0' });
  categoryId = await createCategory(h);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  await Promise.all(streams.splice(0).map((stream) => stream.drop()));
});

afterAll(async () => {
  await h?.stop();
  kinesis.destroy();
});

async function ownStream(shards: number) {
  const stream = await createTestStream(shards);
  streams.push(stream);
  return stream.name;
}

function start(streamName: string, store: CatalogRepository = h.repository) {
  const consumer = startInventoryConsumer({
    kinesis,
    streamName,
    store,
    logger: createLogger('catalog-test', 'silent'),
    pollIntervalMs: 100,
    batchSize: 100,
  });
  running.push(consumer);
  return consumer;
}

/** Records a consumer has finished with, whatever became of them. */
const settled = (consumer: RunningInventoryConsumer) => {
  const s = consumer.stats();
  return s.applied + s.duplicate + s['unknown-product'] + s.ignored + s.malformed;
};

/** Units in carts as the table holds them now (no cache between). */
const inCarts = async (productId: string) =>
  (await h.repository.getProduct(productId))?.availability?.inCarts;

/** A repository whose DynamoDB client counts the writes that reach a product's partition. */
function countingRepository() {
  const aws = createAwsClients(h.config);
  const writes: string[] = [];
  aws.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = JSON.stringify(args.input);
      if (!/Get|Query|Scan/.test(context.commandName ?? '') && input.includes('PRODUCT#'))
        writes.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countProductWrites' },
  );
  return { repository: createCatalogRepository(aws.dynamo, h.config.CATALOG_TABLE), writes, aws };
}

describe('one write per product per batch', () => {
  it('When a batch holds 50 cart events of 3 products, then each product is written once and shows every change', async () => {
    const stream = await ownStream(1);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createProduct(h, categoryId)));
    const deltas: [string, number][] = [
      ...Array.from({ length: 30 }, (_, i): [string, number] => [a!.id, i % 3 === 2 ? -1 : 2]),
      ...Array.from({ length: 15 }, (_, i): [string, number] => [b!.id, i % 2 === 0 ? 2 : -1]),
      ...Array.from({ length: 5 }, (): [string, number] => [c!.id, 3]),
    ];
    await putRecords(
      stream,
      deltas.map(([id, delta]) => cartEvent(id, delta)),
    );
    const { repository, writes, aws } = countingRepository();
    try {
      const consumer = start(stream, repository);

      await eventually(() => expect(settled(consumer)).toBe(50));
      expect(await Promise.all([a!, b!, c!].map((p) => inCarts(p.id)))).toEqual([30, 9, 15]);
      expect(writes).toHaveLength(3);
      expect(consumer.stats()).toMatchObject({ applied: 50, writes: 3 });
    } finally {
      aws.destroy();
    }
  });
});

describe('exactly once', () => {
  it('When a consumer applies a batch and dies before its checkpoint, then the next one reads it again and counts only what is new', async () => {
    const stream = await ownStream(1);
    const product = await createProduct(h, categoryId);
    await putRecords(stream, [cartEvent(product.id, 2), cartEvent(product.id, 3), cartEvent(product.id, -1)]);
    // Applies, never checkpoints: as if the task died between the two.
    const crashing = start(stream, { ...h.repository, saveCheckpoint: async () => {} });
    await eventually(async () => expect(await inCarts(product.id)).toBe(4));
    await crashing.stop();
    await putRecords(stream, [cartEvent(product.id, 5)]);

    const next = start(stream);

    await eventually(() => expect(settled(next)).toBe(4));
    expect(next.stats()).toMatchObject({ duplicate: 3, applied: 1 });
    expect(await inCarts(product.id)).toBe(9);
  });

  it('When two consumers read one stream, then each shard is read by one of them and every event is counted once', async () => {
    const stream = await ownStream(2);
    const [first, last] = await Promise.all([createProduct(h, categoryId), createProduct(h, categoryId)]);
    const one = start(stream);
    const other = start(stream);
    await eventually(() => expect([...one.shards(), ...other.shards()].sort()).toHaveLength(2));
    expect(one.shards().filter((id) => other.shards().includes(id))).toEqual([]);

    const events = [first!, last!].flatMap((p) => Array.from({ length: 10 }, () => cartEvent(p.id, 1)));
    const puts = await putRecords(stream, events.slice(0, 10), '0');
    puts.push(...(await putRecords(stream, events.slice(10), (2n ** 128n - 2n).toString())));
    expect(new Set(puts.map((put) => put.shardId)).size).toBe(2);

    await eventually(async () =>
      expect([await inCarts(first!.id), await inCarts(last!.id)]).toEqual([10, 10]),
    );
    const records = one.stats().records + other.stats().records;
    expect(records).toBe(20);
    expect(one.stats().duplicate + other.stats().duplicate).toBe(0);
  });
});
