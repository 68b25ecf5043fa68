import { fileURLToPath } from 'node:url';
import {
  callJson,
  eventually,
  killSpawned,
  spawnEntry,
  type SpawnedProcess,
} from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, orderId, reserve, stockOf } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, putRecords } from './support/stream.js';

let h: Harness;
let categoryId: string;
let stream: Awaited<ReturnType<typeof createTestStream>>;

// Its own one-shard stream: the processes' consumer reads exactly what these tests put.
beforeAll(async () => {
  stream = await createTestStream(1);
  h = await startHarness({ CATALOG_CACHE_TTL_MS: '0' });
  categoryId = await createCategory(h);
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  await killSpawned();
  await h?.stop();
  await stream?.drop();
});

/** `src/main.ts` as its own process, as `npm start` runs it; resolves once it listens. */
async function spawnCatalog(env: Record<string, string>): Promise<SpawnedProcess & { url: string }> {
  const spawned = spawnEntry(fileURLToPath(new URL('..', import.meta.url)), 'src/main.ts', {
    PORT: '0',
    LOG_LEVEL: 'info',
    CATALOG_CACHE_TTL_MS: '0',
    INVENTORY_STREAM: stream.name,
    INVENTORY_POLL_INTERVAL_MS: '500',
    // A dead process's shard is read again 3 s later, not 30 s.
    INVENTORY_LEASE_MS: '3000',
    RATINGS_CONSUMER_ENABLED: 'false',
    ...env,
  });
  const { url } = await spawned.logged('catalog listening');
  return { ...spawned, url: url! };
}

/** The harness's calls, sent to a spawned process instead. */
const at = (url: string): Harness => ({
  ...h,
  url,
  internal: (method, path, body) =>
    callJson(url, method, path, { body, headers: { 'x-internal-key': h.config.INTERNAL_API_KEY } }),
});

describe('the catalog process killed during a stock reservation', () => {
  it('When it is killed after the stock is taken and before it answers, then the retry with the same id takes it once and nothing is oversold', async () => {
    const product = await createProduct(h, categoryId, { stock: 3 });
    const first = await spawnCatalog({
      INVENTORY_CONSUMER_ENABLED: 'false',
      FAULT_PAUSE_AFTER: 'reservation-committed:15000',
    });
    const id = orderId();
    const inFlight = reserve(at(first.url), id, [{ productId: product.id, quantity: 2 }]).catch(
      (error: unknown) => error,
    );
    await first.logged('fault pause', 15_000);
    await first.kill();
    expect(await inFlight).toBeInstanceOf(Error);
    expect(await stockOf(h, product.id)).toBe(1);

    const second = await spawnCatalog({ INVENTORY_CONSUMER_ENABLED: 'false' });
    const retry = await reserve(at(second.url), id, [{ productId: product.id, quantity: 2 }]);
    const other = await reserve(at(second.url), orderId(), [{ productId: product.id, quantity: 2 }]);
    await second.kill();

    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ reservationId: id, status: 'reserved' });
    expect(other.status).toBe(409);
    expect(await stockOf(h, product.id)).toBe(1);
  }, 60_000);
});

describe('the catalog process killed between applying cart events and checkpointing them', () => {
  it('When it is killed there and restarted, then the records read again are not counted twice', async () => {
    const product = await createProduct(h, categoryId);
    const puts = await putRecords(
      stream.name,
      [2, 3, -1].map((delta) => cartEvent(product.id, delta)),
    );
    const inCarts = async () => (await h.repository.getProduct(product.id))?.availability?.inCarts;
    const first = await spawnCatalog({ FAULT_PAUSE_AFTER: 'inventory-applied:15000' });
    await first.logged('fault pause', 15_000);
    expect(await inCarts()).toBe(4);
    expect(await h.repository.getCheckpoint(stream.name, puts[0]!.shardId)).toBeUndefined();
    await first.kill();

    const [last] = await putRecords(stream.name, [cartEvent(product.id, 5)]);
    const second = await spawnCatalog({});
    await eventually(
      async () =>
        expect(await h.repository.getCheckpoint(stream.name, last!.shardId)).toBe(last!.sequenceNumber),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    await second.kill();

    expect(await inCarts()).toBe(9);
  }, 60_000);
});
