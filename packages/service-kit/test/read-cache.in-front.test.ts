import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../src/public/auth.js';
import { createServiceApp, type RunningServer, startServer } from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';
import { ReadCache, withReadCache } from '../src/read-cache/index.js';
import { startTestIssuer, type TestIssuer } from '../src/testing/index.js';

const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
const widget = { id: 'w1', name: 'Lamp', price: 1200 };
const PUBLIC = 'public, max-age=5, stale-while-revalidate=10';
let issuer: TestIssuer;
let server: RunningServer;
let cache: ReadCache;
let clock = 0;
let calls = 0;
// Each list call waits here until the test opens it (for the single-flight test).
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  issuer = await startTestIssuer();
  const logger = createLogger('widgets', 'silent');
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger,
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    strictResponses: true,
    handlers: {
      listWidgets: async () => {
        calls += 1;
        await gate;
        return {
          status: 200,
          headers: { 'Cache-Control': PUBLIC },
          body: { items: [{ ...widget, price: calls }] },
        };
      },
      widgetStock: async ({ params }: { params: { widgetId: string } }) => {
        calls += 1;
        // A widget without a name breaks the contract: strict responses make it a 500.
        return params.widgetId === 'broken'
          ? { status: 200, body: { id: 'broken' } }
          : { status: 200, body: widget };
      },
    },
  });
  const operations = new Set(['listWidgets', 'widgetStock']);
  cache = new ReadCache({ operations, ttlMs: 2_000, maxEntries: 10, maxBytes: 1 << 20, now: () => clock });
  server = await startServer(withReadCache(app, cache, { logger }), 0);
});

afterAll(async () => {
  await server?.close();
  await issuer?.stop();
});

beforeEach(() => {
  cache.invalidate();
  calls = 0;
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

describe('public GETs answered from the read cache', () => {
  it('When the same list is read twice within the TTL, then the handler runs once and the copy says its age', async () => {
    const first = await get('/v1/widgets?limit=5');
    clock += 1_500;
    const second = await get('/v1/widgets?limit=5', { 'x-request-id': 'req-2' });
    expect(calls).toBe(1);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('cache-control')).toBe(PUBLIC);
    expect(second.headers.get('content-type')).toMatch(/^application\/json/);
    expect(second.headers.get('x-request-id')).toBe('req-2');
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.headers.get('age')).toBe('1');
  });

  it('When ten concurrent misses ask for one key, then the handler runs once and all ten get its answer', async () => {
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const answers = Array.from({ length: 10 }, () => get('/v1/widgets'));
    const deadline = Date.now() + 5_000;
    while (cache.stats().waiting < 9 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    open();
    const bodies = await Promise.all((await Promise.all(answers)).map((r) => r.json()));
    gate = Promise.resolve();
    expect(calls).toBe(1);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('When a request carries an Authorization header, then it is neither served from nor kept in the cache', async () => {
    await get('/v1/widgets');
    await get('/v1/widgets', { authorization: 'Bearer x' });
    await get('/v1/widgets', { authorization: 'Bearer x' });
    expect(calls).toBe(3);
  });

  it('When an answer breaks the contract, then it is a 500 each time and never kept', async () => {
    expect((await get('/v1/widgets/broken/stock')).status).toBe(500);
    expect((await get('/v1/widgets/broken/stock')).status).toBe(500);
    expect(calls).toBe(2);
  });

  it('When entries are invalidated mid-read, then the answer read before is not kept', async () => {
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const stale = get('/v1/widgets');
    const deadline = Date.now() + 5_000;
    while (calls === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    cache.invalidate((path) => path === '/v1/widgets');
    open();
    await stale;
    gate = Promise.resolve();
    const fresh = (await (await get('/v1/widgets')).json()) as { items: { price: number }[] };
    expect(calls).toBe(2);
    expect(fresh.items[0]?.price).toBe(2);
  });
});
