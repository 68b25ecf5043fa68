import type { IncomingHttpHeaders } from 'node:http';
import { startStubServer, type StubServer } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout, checkoutBody, fillCart, newCustomer, newKey } from './support/customers.js';
import { startOrders, startPeers, testClock, type Peers } from './support/orders-service.js';

const BUDGET_MS = 1_000;

let peers: Peers;
// A catalog that takes every request and never answers: an overloaded dependency.
let silentCatalog: StubServer;
const catalogSaw: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  peers = await startPeers();
  silentCatalog = await startStubServer((req) => void catalogSaw.push(req.headers));
});

afterAll(async () => {
  await silentCatalog?.stop();
  await peers?.stop();
});

describe('a checkout while the catalog is overloaded', () => {
  it('When the catalog does not answer, then checkout answers 503 with Retry-After within the request budget, and a retry after it completes one order', async () => {
    const env = { CHECKOUT_LEASE_MS: '1000' };
    // Both instances read this clock: the client's wait for Retry-After is the test moving it on.
    const clock = testClock();
    const stalled = await startOrders(peers, {
      env: { ...env, REQUEST_DEADLINE_MS: String(BUDGET_MS), CATALOG_URL: silentCatalog.url },
      clock,
    });
    const product = peers.catalog.addProduct({ stock: 3 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();

    const started = Date.now();
    const response = await fetch(`${stalled.url}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${customer.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(checkoutBody()),
    });
    const elapsedMs = Date.now() - started;

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Without the budget the catalog call alone would wait its own 5 s; the bound leaves a busy
    // machine room and still tells the two apart.
    expect(elapsedMs).toBeLessThan(4_500);
    expect(Number(catalogSaw.at(-1)?.['x-request-deadline'])).toBeLessThanOrEqual(BUDGET_MS);
    expect(stalled.chargeCalls).toEqual([]);
    await stalled.stop();

    // The client does what Retry-After says; by then the catalog answers again (default budget).
    clock.advance(retryAfter * 1000);
    const recovered = await startOrders(peers, { env, clock });
    const retry = await checkout(recovered.url, customer, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ status: 'paid' });
    expect(recovered.chargeCalls).toEqual([retry.body.id]);
    expect(peers.catalog.product(product.id).stock).toBe(2);
    await recovered.stop();
  });
});
