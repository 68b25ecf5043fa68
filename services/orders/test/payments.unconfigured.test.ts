import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { callJson } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, wireOrders } from '../src/index.js';
import { checkout, fillCart, newCustomer, newKey } from './support/customers.js';
import { startPeers, testConfig, type Peers } from './support/orders-service.js';

type Readiness = { status: string; checks: { name: string; status: string; detail?: string }[] };

let peers: Peers;
const running: { url: string; stop(): Promise<void> }[] = [];

/** Orders as the stack starts it: Stripe chosen, the key from Secrets Manager, no provider injected. */
async function startWithStripeKey(key: string) {
  const config = testConfig(peers, { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: key });
  const logger = createLogger('orders', process.env.TEST_LOG_LEVEL ?? 'silent');
  const wired = wireOrders(config, logger, { metrics: false });
  const server = await startServer(await buildApp(wired.deps), 0);
  const service = {
    url: server.url,
    async stop() {
      await server.close(1000);
      await wired.close();
    },
  };
  running.push(service);
  return service;
}

beforeAll(async () => {
  peers = await startPeers();
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  await peers?.stop();
});

describe('orders with Stripe chosen and its key still UNSET', () => {
  it('When the key is the UNSET placeholder, then the service stays in service but reports itself degraded, naming STRIPE_SECRET_KEY', async () => {
    const service = await startWithStripeKey('UNSET');

    expect((await callJson(service.url, 'GET', '/health/live')).status).toBe(200);
    // 200, so the load balancer keeps it and a first deployment completes before the key is put.
    const ready = await callJson<Readiness>(service.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.checks).toEqual(
      expect.arrayContaining([
        { name: 'orders-table', status: 'ok' },
        {
          name: 'payment-provider',
          status: 'degraded',
          detail: expect.stringContaining('STRIPE_SECRET_KEY is not set'),
        },
      ]),
    );
  });

  it('When a customer checks out, then the answer is 503 problem+json "payments not configured" and no order or reservation is made', async () => {
    const service = await startWithStripeKey('UNSET');
    const product = peers.catalog.addProduct({ stock: 3 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);

    const reply = await checkout(service.url, customer, newKey());

    expect(reply.status).toBe(503);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({
      type: 'https://shopeasy.example/problems/payments-not-configured',
      status: 503,
      detail: expect.stringContaining('Payments are not configured: STRIPE_SECRET_KEY'),
    });
    const orders = await callJson<{ items: unknown[] }>(service.url, 'GET', '/v1/orders', {
      token: customer.token,
    });
    expect(orders.status).toBe(200);
    expect(orders.body.items).toEqual([]);
    expect(peers.catalog.product(product.id).stock).toBe(3);
    expect(peers.cart.cart(customer.userId)).toHaveLength(1);
  });

  it('When the real key is set and the task restarted, then the payment check is gone and the service is ready', async () => {
    const service = await startWithStripeKey('sk_test_configured_by_operations');

    const ready = await callJson<Readiness>(service.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c) => c.name)).toEqual(['orders-table']);
  });
});
