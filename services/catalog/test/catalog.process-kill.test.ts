import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { callJson, eventually } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, orderId, reserve, stockOf } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { cartEvent, createTestStream, putRecords } from './support/stream.js';

let h: Harness;
let categoryId: string;
let stream: Awaited<ReturnType<typeof createTestStream>>;
const children = new Set<ChildProcess>();

// Its own one-shard stream: the processes' consumer reads exactly what these tests put.
beforeAll(async () => {
  stream = await createTestStream(1);
  h = await startHarness({ CATALOG_CACHE_TTL_MS: '0' });
  categoryId = await createCategory(h);
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await h?.stop();
  await stream?.drop();
});

interface Spawned {
  child: ChildProcess;
  url: string;
  /** Resolves when the process logs that it waits at its fault step. */
  paused: Promise<void>;
}

/** `src/main.ts` as its own process, as `npm start` runs it; resolves once it listens. */
async function spawnCatalog(env: Record<string, string>): Promise<Spawned> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      CATALOG_CACHE_TTL_MS: '0',
      INVENTORY_STREAM: stream.name,
      INVENTORY_POLL_INTERVAL_MS: '500',
      // A dead process's shard is read again 3 s later, not 30 s.
      INVENTORY_LEASE_MS: '3000',
      RATINGS_CONSUMER_ENABLED: 'false',
      ...env,
    },
  });
  children.add(child);
  const lines: { msg?: string; url?: string }[] = [];
  let onPause = () => {};
  const paused = new Promise<void>((resolve, reject) => {
    onPause = resolve;
    setTimeout(() => reject(new Error('the process never reached its fault pause')), 15_000).unref();
  });
  paused.catch(() => {});
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      lines.push(entry);
      if (entry.msg === 'fault pause') onPause();
    } catch {
      // not a log line
    }
  });
  const url = await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`catalog exited with ${child.exitCode}`);
      const listening = lines.find((l) => l.msg === 'catalog listening');
      expect(listening?.url).toBeDefined();
      return listening!.url!;
    },
    { timeoutMs: 20_000, intervalMs: 50 },
  );
  return { child, url, paused };
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
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
    await first.paused;
    await kill(first.child);
    expect(await inFlight).toBeInstanceOf(Error);
    expect(await stockOf(h, product.id)).toBe(1);

    const second = await spawnCatalog({ INVENTORY_CONSUMER_ENABLED: 'false' });
    const retry = await reserve(at(second.url), id, [{ productId: product.id, quantity: 2 }]);
    const other = await reserve(at(second.url), orderId(), [{ productId: product.id, quantity: 2 }]);
    await kill(second.child);

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
    await first.paused;
    expect(await inCarts()).toBe(4);
    expect(await h.repository.getCheckpoint(stream.name, puts[0]!.shardId)).toBeUndefined();
    await kill(first.child);

    const [last] = await putRecords(stream.name, [cartEvent(product.id, 5)]);
    const second = await spawnCatalog({});
    await eventually(
      async () =>
        expect(await h.repository.getCheckpoint(stream.name, last!.shardId)).toBe(last!.sequenceNumber),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    await kill(second.child);

    expect(await inCarts()).toBe(9);
  }, 60_000);
});
