import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEnvelope } from '@shopeasy/events';
import type { CheckoutStep } from '../src/domain/ports.js';
import { callJson } from '@shopeasy/service-kit/testing';
import { subscribeToEvents } from './support/events.js';
import { checkout, fillCart, newCustomer, newKey, type Customer } from './support/customers.js';
import {
  recoveryOf,
  sandboxCharge,
  startOrders,
  startPeers,
  testClock,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';

// Recovery that looks at every open order: a dead checkout is found at once.
const LEASE_MS = 5_000;
const FAST = {
  CHECKOUT_LEASE_MS: String(LEASE_MS),
  RECOVERY_STALE_SECONDS: '0',
  RECOVERY_INTERVAL_MS: '60000',
};
// Every instance here reads this clock: a dead process's lease runs out when the test moves it on.
const clock = testClock();

let peers: Peers;

beforeAll(async () => {
  peers = await startPeers();
});

afterAll(async () => {
  await peers?.stop();
});

class SimulatedCrash extends Error {}

/**
 * A checkout in a process that "dies" at `step`: the step throws, nothing after it runs, and the
 * process is stopped, leaving the order and its lease as a killed process would.
 */
async function crashAt(step: CheckoutStep, customer: Customer, key: string, env = FAST) {
  const doomed = await startOrders(peers, {
    env,
    clock,
    onCheckoutStep: (reached) => {
      if (reached === step) throw new SimulatedCrash(`process died after ${step}`);
    },
  });
  const reply = await checkout(doomed.url, customer, key);
  await doomed.stop();
  expect(reply.status).toBe(500);
  return doomed;
}

async function onlyOrder(service: OrdersService, customer: Customer) {
  const { body } = await callJson<{
    items: { id: string; status: string; payment: { reference?: string } }[];
  }>(service.url, 'GET', '/v1/orders', { token: customer.token });
  expect(body.items).toHaveLength(1);
  return body.items[0]!;
}

describe('a checkout whose process dies between steps', () => {
  it('When it dies after reserving stock, then recovery in a new process charges once and the retry answers the paid order', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();
    const dead = await crashAt('reserved', customer, key);
    expect(peers.catalog.product(product.id).stock).toBe(3);
    expect(dead.chargeCalls).toEqual([]);

    clock.advance(LEASE_MS);
    const restarted = await startOrders(peers, { env: FAST, clock });
    const sweeper = recoveryOf(restarted);
    await sweeper.runOnce();
    await sweeper.stop();

    const order = await onlyOrder(restarted, customer);
    expect(order.status).toBe('paid');
    expect(restarted.chargeCalls).toEqual([order.id]);
    expect(await sandboxCharge(restarted, order.id)).toMatchObject({
      status: 'succeeded',
      reference: order.payment.reference,
    });
    expect(peers.catalog.product(product.id).stock).toBe(3);
    const retry = await checkout(restarted.url, customer, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: order.id, status: 'paid' });
    expect(peers.cart.cart(customer.userId)).toEqual([]);
    await restarted.stop();
  });

  it('When it dies after reserving stock, then a client retry with the same key takes over and completes one order', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    const env = { ...FAST, CHECKOUT_LEASE_MS: '1000' };
    const restarted = await startOrders(peers, { env, clock });
    await crashAt('reserved', customer, key, env);

    // At once, the dead process's lease looks like live work: come back later.
    const immediate = await checkout(restarted.url, customer, key);
    // Later, with the lease unrenewed for over half its length (but not yet run out), the retry
    // waits for it to run out and takes over. No sweeper runs here.
    clock.advance(700);
    const retry = await checkout(restarted.url, customer, key);

    expect(immediate.status).toBe(409);
    expect(immediate.body).toMatchObject({ type: 'https://shopeasy.example/problems/checkout-in-progress' });
    expect(retry.status).toBe(201);
    const order = await onlyOrder(restarted, customer);
    expect(retry.body).toMatchObject({ id: order.id, status: 'paid' });
    expect(restarted.chargeCalls).toEqual([order.id]);
    expect(peers.catalog.product(product.id).stock).toBe(4);
    await restarted.stop();
  });

  it('When it dies after charging and before recording the payment, then the retry finds the charge and charges nothing more', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    const dead = await crashAt('charged', customer, key);
    const [orderId] = dead.chargeCalls;
    const charge = await sandboxCharge(dead, orderId!);

    clock.advance(LEASE_MS);
    const restarted = await startOrders(peers, { env: FAST, clock });
    const retry = await checkout(restarted.url, customer, key);

    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({
      id: orderId,
      status: 'paid',
      payment: { reference: charge!.reference },
    });
    expect(await sandboxCharge(restarted, orderId!)).toEqual(charge);
    expect(peers.catalog.product(product.id).stock).toBe(4);
    await restarted.stop();
  });

  it('When a checkout is older than the resume window, then recovery rolls it back: stock released, nothing charged, the retry told so', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();
    await crashAt('reserved', customer, key);

    clock.advance(LEASE_MS);
    const restarted = await startOrders(peers, {
      env: { ...FAST, CHECKOUT_RESUME_WINDOW_SECONDS: '0' },
      clock,
    });
    const sweeper = recoveryOf(restarted);
    await sweeper.runOnce();
    await sweeper.stop();

    const order = await onlyOrder(restarted, customer);
    expect(order.status).toBe('cancelled');
    expect(peers.catalog.product(product.id).stock).toBe(5);
    expect(await sandboxCharge(restarted, order.id)).toBeUndefined();
    const retry = await checkout(restarted.url, customer, key);
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ type: 'https://shopeasy.example/problems/checkout-cancelled' });
    await restarted.stop();
  });

  it('When a paid order died before publishing its events, then recovery publishes them and closes the checkout', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    const events = await subscribeToEvents(process.env.EVENTS_TOPIC_ARN!);
    const dead = await crashAt('recorded', customer, key);
    const [orderId] = dead.chargeCalls;
    clock.advance(LEASE_MS);
    const restarted = await startOrders(peers, { env: FAST, clock });
    const purchase = () =>
      callJson(
        restarted.url,
        'GET',
        `/internal/v1/purchases?userId=${customer.userId}&productId=${product.id}`,
        {
          headers: { 'X-Internal-Key': 'orders-test-internal-key' },
        },
      );
    expect((await onlyOrder(restarted, customer)).status).toBe('paid');
    expect((await purchase()).body).toMatchObject({ purchased: false });

    const sweeper = recoveryOf(restarted);
    await sweeper.runOnce();
    await sweeper.stop();

    const ofOrder = (all: DomainEnvelope[]) => all.filter((e) => JSON.stringify(e.data).includes(orderId!));
    const published = ofOrder(await events.collect((all) => ofOrder(all).length >= 2));
    await events.stop();
    expect(published.map((e) => e.type).sort()).toEqual(['order.paid', 'order.placed']);
    expect((await purchase()).body).toMatchObject({ purchased: true, orderId });
    const retry = await checkout(restarted.url, customer, key);
    expect(retry.body).toMatchObject({ id: orderId, status: 'paid' });
    await restarted.stop();
  });

  it('When a paid order died before confirming its reservation, then recovery confirms it once', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const dead = await crashAt('recorded', customer, newKey());
    const [orderId] = dead.chargeCalls;
    clock.advance(LEASE_MS);
    const restarted = await startOrders(peers, { env: FAST, clock });
    expect(peers.catalog.reservation(orderId!)?.status).toBe('reserved');

    const sweeper = recoveryOf(restarted);
    await sweeper.runOnce();
    await sweeper.runOnce();
    await sweeper.stop();
    await restarted.stop();

    expect(peers.catalog.reservation(orderId!)?.status).toBe('confirmed');
    expect(peers.catalog.confirmCalls(orderId!)).toBe(1);
    expect(peers.catalog.product(product.id).stock).toBe(3);
  });
});
