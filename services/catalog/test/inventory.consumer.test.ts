import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startInventoryConsumer,
  type InventoryConsumerStats,
  type RunningConsumer,
} from '../src/worker/inventory-consumer.js';
import { eventually } from '@shopeasy/service-kit/testing';
import { KEYS } from '../src/data-access/keys.js';
import { createCategory, createProduct, stockOf, type ApiProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, kinesisClient, LAST_HASH_KEY, putRecords } from './support/stream.js';

let h: Harness;
let stream: Awaited<ReturnType<typeof createTestStream>>;
let categoryId: string;
let consumer: RunningConsumer<InventoryConsumerStats> | undefined;
const kinesis = kinesisClient();

const startConsumer = () =>
  startInventoryConsumer({
    kinesis,
    streamName: stream.name,
    store: h.repository,
    logger: createLogger('catalog-test', 'silent'),
    pollIntervalMs: 100,
    batchSize: 100,
  });

beforeAll(async () => {
  stream = await createTestStream(2);
  // No read cache: each read shows the table as it is now.
  h = await startHarness({ CATALOG_CACHE_TTL_MS: '0' });
  categoryId = await createCategory(h);
  consumer = startConsumer();
});

afterAll(async () => {
  await consumer?.stop();
  await h?.stop();
  await stream?.drop();
  kinesis.destroy();
});

const inCarts = async (productId: string) =>
  (await h.call<ApiProduct>('GET', `/v1/products/${productId}`)).body.availability?.inCarts;

/** Records the consumer has finished with, whatever became of them. */
const settled = (s: InventoryConsumerStats) =>
  s.applied + s.duplicate + s['unknown-product'] + s.ignored + s.malformed;

/** Waits until the consumer has finished with `count` more records than `before`. */
const readRecords = (running: RunningConsumer<InventoryConsumerStats>, before: number, count: number) =>
  eventually(() => expect(settled(running.stats())).toBeGreaterThanOrEqual(before + count));

describe('units in carts, from the inventory stream', () => {
  it('When shoppers add, change and remove a product in their carts, then the product shows the units in carts within seconds', async () => {
    const product = await createProduct(h, categoryId, { stock: 20 });
    expect(await inCarts(product.id)).toBe(0);

    await putRecords(stream.name, [
      cartEvent(product.id, 2),
      cartEvent(product.id, 3),
      cartEvent(product.id, 1, 'cart.item.changed'),
      cartEvent(product.id, -2),
    ]);

    await eventually(async () => expect(await inCarts(product.id)).toBe(4));
    const shown = (await h.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body;
    expect(Date.parse(shown.availability!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(product.createdAt));
    expect(shown.stock).toBe(20);
  });

  it('When the same event is on the stream twice, then it is counted once', async () => {
    const product = await createProduct(h, categoryId);
    const added = cartEvent(product.id, 3);
    const before = consumer!.stats();

    await putRecords(stream.name, [added, added, cartEvent(product.id, 1)]);

    await readRecords(consumer!, settled(before), 3);
    await eventually(async () => expect(await inCarts(product.id)).toBe(4));
    expect(consumer!.stats().duplicate - before.duplicate).toBe(1);
  });

  it('When more units leave carts than were counted, then the count stops at 0', async () => {
    const product = await createProduct(h, categoryId);
    const before = consumer!.stats().records;

    await putRecords(stream.name, [
      cartEvent(product.id, 1),
      cartEvent(product.id, -3),
      cartEvent(product.id, 2),
    ]);

    await readRecords(consumer!, before, 3);
    await eventually(async () => expect(await inCarts(product.id)).toBe(2));
  });

  it("When the catalog's own stock events and unreadable records are on the stream, then they change nothing and later events still apply", async () => {
    const product = await createProduct(h, categoryId, { stock: 7 });
    const stockEvent = {
      id: `evt_stock_${product.id}`,
      type: 'stock.reserved' as const,
      productId: product.id,
      quantityDelta: -5,
      stock: 2,
      occurredAt: new Date().toISOString(),
    };

    await putRecords(stream.name, [
      stockEvent,
      new TextEncoder().encode('{not json'),
      cartEvent(product.id, 1),
    ]);

    await eventually(async () => expect(await inCarts(product.id)).toBe(1));
    expect(await stockOf(h, product.id)).toBe(7);
  });

  it('When cart events name a deleted product or one that never existed, then nothing is counted and no item is made for them', async () => {
    const gone = await createProduct(h, categoryId);
    expect((await h.call('DELETE', `/v1/products/${gone.id}`, { token: h.adminToken })).status).toBe(204);
    const never = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ';
    const before = consumer!.stats();

    await putRecords(stream.name, [cartEvent(gone.id, 2), cartEvent(never, 1)]);

    await readRecords(consumer!, settled(before), 2);
    expect(consumer!.stats()['unknown-product'] - before['unknown-product']).toBe(2);
    expect((await h.call('GET', `/v1/products/${gone.id}`)).status).toBe(404);
    const aws = createAwsClients(h.config);
    const { Item: live } = await aws.dynamo.send(
      new GetCommand({ TableName: h.config.CATALOG_TABLE, Key: KEYS.live(never), ConsistentRead: true }),
    );
    aws.destroy();
    expect(live).toBeUndefined();
  });

  it('When events land on both shards, then the consumer applies the events of every shard', async () => {
    const first = await createProduct(h, categoryId);
    const last = await createProduct(h, categoryId);

    const [onFirst] = await putRecords(stream.name, [cartEvent(first.id, 2)], '0');
    const [onLast] = await putRecords(stream.name, [cartEvent(last.id, 5)], LAST_HASH_KEY);

    expect(onFirst!.shardId).not.toBe(onLast!.shardId);
    await eventually(async () => expect([await inCarts(first.id), await inCarts(last.id)]).toEqual([2, 5]));
  });
});

describe('restarts', () => {
  it('When the consumer stops and a new one starts, then it resumes after its checkpoint: new events apply once, nothing is read again', async () => {
    const product = await createProduct(h, categoryId);
    const [put] = await putRecords(stream.name, [cartEvent(product.id, 2)], '0');
    await eventually(async () => expect(await inCarts(product.id)).toBe(2));

    await consumer!.stop();
    // Stopping finished the batch and recorded how far the shard was read.
    expect(await h.repository.getCheckpoint(stream.name, put!.shardId)).toBe(put!.sequenceNumber);

    await putRecords(stream.name, [cartEvent(product.id, 1), cartEvent(product.id, 4)], '0');
    expect(await inCarts(product.id)).toBe(2); // nobody reads while the consumer is down
    consumer = startConsumer();

    await eventually(async () => expect(await inCarts(product.id)).toBe(7));
    await readRecords(consumer, 0, 2);
    // Only the two records put after the checkpoint were read, in one write.
    expect(consumer.stats()).toMatchObject({ records: 2, applied: 2, duplicate: 0, writes: 1 });
    expect(await inCarts(product.id)).toBe(7);
  });
});

describe('the catalog service', () => {
  it('When the catalog runs with its consumer enabled, then cart events reach the product and stopping it keeps its place', async () => {
    const own = await createTestStream(1);
    const service = await startHarness({
      INVENTORY_STREAM: own.name,
      INVENTORY_CONSUMER_ENABLED: 'true',
      INVENTORY_POLL_INTERVAL_MS: '500',
      CATALOG_CACHE_TTL_MS: '0',
    });
    try {
      const product = await createProduct(service, categoryId);
      const [put] = await putRecords(own.name, [cartEvent(product.id, 3)]);

      await eventually(async () =>
        expect(
          (await service.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body.availability?.inCarts,
        ).toBe(3),
      );
      await service.stop();

      expect(await h.repository.getCheckpoint(own.name, put!.shardId)).toBe(put!.sequenceNumber);
    } finally {
      await service.stop().catch(() => {});
      await own.drop();
    }
  });
});
