import { startServer, type RunningServer } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { PUBLIC_CACHE_CONTROL, type ReadCache } from '@shopeasy/service-kit/read-cache';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { callJson, startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadCatalogConfig } from '../src/config.js';
import type { CatalogRepository } from '../src/data-access/catalog-repository.js';
import { wireCatalog, type CatalogWiring } from '../src/wiring.js';
import type { ApiProduct } from './support/factories.js';

const TTL_MS = 2_000;
let clock = 0;
let reads = 0;
// Holds every product read until the test lets it through (for the single-flight test).
let gate: Promise<void> = Promise.resolve();
let issuer: TestIssuer;
let wired: CatalogWiring;
let server: RunningServer;
let cache: ReadCache;
let admin: string;

/** The repository, counting the reads that reach the table. */
function counting(store: CatalogRepository): CatalogRepository {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || !/^(get|list|find)/.test(String(name))) return value;
      return async (...args: unknown[]) => {
        reads += 1;
        if (name === 'getProduct') await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  const config = loadCatalogConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    CATALOG_CACHE_TTL_MS: String(TTL_MS),
  });
  wired = wireCatalog(config, createLogger('catalog', 'silent'), { metrics: false, cacheClock: () => clock });
  cache = wired.deps.readCache!;
  server = await startServer(await buildApp({ ...wired.deps, store: counting(wired.deps.store) }), 0);
  admin = await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMA', role: 'admin' });
});

afterAll(async () => {
  await server?.close(1_000);
  await wired?.close();
  await issuer?.stop();
});

beforeEach(() => {
  cache.invalidate();
});

const call = <T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  callJson<T>(server.url, method, path, options);

async function newProduct(stock = 10): Promise<ApiProduct> {
  const category = await call<{ id: string }>('POST', '/v1/categories', {
    token: admin,
    body: { name: `Cached ${Math.random()}` },
  });
  const product = await call<ApiProduct>('POST', '/v1/products', {
    token: admin,
    body: {
      categoryId: category.body.id,
      name: 'Cached Lamp',
      description: 'A lamp.',
      price: { amount: 1000, currency: 'EUR' },
      stock,
    },
  });
  expect(product.status).toBe(201);
  return product.body;
}

/** The product page as a shopper reads it, and how many table reads it took. */
async function readPage(id: string, token?: string) {
  const before = reads;
  const res = await call<ApiProduct>('GET', `/v1/products/${id}`, token ? { token } : {});
  return { res, tableReads: reads - before };
}

describe('public catalog reads are kept for a few seconds', () => {
  it('When a product page is read twice within the TTL, then the table is read once and both answers are public for 5 s', async () => {
    const product = await newProduct();
    const first = await readPage(product.id);
    const second = await readPage(product.id);
    expect(first.tableReads).toBe(1);
    expect(second.tableReads).toBe(0);
    expect(second.res.body).toEqual(first.res.body);
    for (const { res } of [first, second]) {
      expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('When the TTL has passed, then the next read goes to the table again', async () => {
    const product = await newProduct();
    await readPage(product.id);
    clock += TTL_MS;
    expect((await readPage(product.id)).tableReads).toBe(1);
  });

  it('When eight shoppers open the same uncached page at once, then the table is read once and all get it', async () => {
    const product = await newProduct();
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const before = reads;
    const pages = Array.from({ length: 8 }, () => call<ApiProduct>('GET', `/v1/products/${product.id}`));
    const deadline = Date.now() + 5_000;
    while (cache.stats().waiting < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(cache.stats().waiting).toBe(7);
    open();
    const answers = await Promise.all(pages);
    gate = Promise.resolve();
    expect(answers.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(answers.every((res) => res.body.stock === 10)).toBe(true);
    expect(reads - before).toBe(1);
  });

  it('When an admin sets the stock, then the next page read shows it at once', async () => {
    const product = await newProduct(10);
    await readPage(product.id);
    const set = await call('PUT', `/v1/products/${product.id}/stock`, { token: admin, body: { stock: 3 } });
    expect(set.status).toBe(200);
    const after = await readPage(product.id);
    expect(after.res.body.stock).toBe(3);
    expect(after.tableReads).toBe(1);
  });

  it('When checkout reserves units, then the product page shows the lower stock at once', async () => {
    const product = await newProduct(10);
    await readPage(product.id);
    const reserved = await callJson(server.url, 'POST', '/internal/v1/stock-reservations', {
      headers: { 'x-internal-key': wired.deps.internalApiKey as string },
      body: { reservationId: newId('ord'), items: [{ productId: product.id, quantity: 4 }] },
    });
    expect(reserved.status).toBe(201);
    expect((await readPage(product.id)).res.body.stock).toBe(6);
  });

  it('When a request carries an Authorization header, then it is answered from the table, not the cache', async () => {
    const product = await newProduct();
    await readPage(product.id);
    const customer = await issuer.token({ userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN', role: 'customer' });
    expect((await readPage(product.id, customer)).tableReads).toBe(1);
    expect((await readPage(product.id, customer)).tableReads).toBe(1);
  });

  it('When a page does not exist, then each read asks the table again and no public caching is declared', async () => {
    const missing = 'prd_01K3XFXT59MYQ83Q75EBD3YDZZ';
    const first = await readPage(missing);
    const second = await readPage(missing);
    expect([first.res.status, second.res.status]).toEqual([404, 404]);
    expect(second.tableReads).toBe(1);
    expect(second.res.headers.get('cache-control')).not.toBe(PUBLIC_CACHE_CONTROL);
  });

  it('When a search is asked with its parameters in another order, then the kept answer is served', async () => {
    await call('GET', '/v1/products?q=lamp&limit=5');
    const before = reads;
    const res = await call('GET', '/v1/products?limit=5&q=lamp');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(reads - before).toBe(0);
  });
});
