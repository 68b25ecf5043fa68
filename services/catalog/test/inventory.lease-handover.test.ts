import { eventually } from '@shopeasy/service-kit/testing';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRepository } from '../src/data-access/catalog-repository.js';
import { startInventoryConsumer } from '../src/worker/inventory-consumer.js';
import { createCategory, createProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, kinesisClient, putRecords } from './support/stream.js';

let h: Harness;
let stream: Awaited<ReturnType<typeof createTestStream>>;
let categoryId: string;
const kinesis = kinesisClient();

beforeAll(async () => {
  stream = await createTestStream(1);
  h = await startHarness({ CATALOG_CACHE_TTL_MS: '0' });
  categoryId = await createCategory(h);
});

afterAll(async () => {
  await h?.stop();
  await stream?.drop();
  kinesis.destroy();
});

const LEASE_MS = 30_000;

const inCarts = async (productId: string) =>
  (await h.repository.getProduct(productId))?.availability?.inCarts;

describe('a lease per shard', () => {
  it('When the reader of a shard stops renewing its lease, then it stops reading once the lease expires and the other consumer takes the shard over', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = () => now;
    let unreachable = false;
    // The first owner loses the table (a network partition, say): its renewals fail.
    const cutOff: CatalogRepository = {
      ...h.repository,
      claimLease: (...args) =>
        unreachable ? Promise.reject(new Error('table unreachable')) : h.repository.claimLease(...args),
    };
    const options = {
      kinesis,
      streamName: stream.name,
      logger: createLogger('catalog-test', 'silent'),
      pollIntervalMs: 100,
      batchSize: 100,
      leaseMs: LEASE_MS,
      clock,
    };
    const first = startInventoryConsumer({ ...options, store: cutOff });
    await eventually(() => expect(first.shards()).toHaveLength(1));
    const second = startInventoryConsumer({ ...options, store: h.repository });
    try {
      const product = await createProduct(h, categoryId);
      const [put] = await putRecords(stream.name, [cartEvent(product.id, 2)]);
      await eventually(async () => expect(await inCarts(product.id)).toBe(2));
      expect(second.shards()).toEqual([]);
      expect(second.stats().records).toBe(0);

      unreachable = true;
      now += LEASE_MS + 1;

      await eventually(() => expect(second.shards()).toEqual([put!.shardId]));
      expect(first.shards()).toEqual([]);
      await putRecords(stream.name, [cartEvent(product.id, 3)]);
      await eventually(async () => expect(await inCarts(product.id)).toBe(5));
      // The second started after the first's checkpoint; the first read nothing more.
      expect(second.stats()).toMatchObject({ records: 1, applied: 1 });
      expect(first.stats()).toMatchObject({ records: 1, applied: 1 });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
