import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutStep } from '../src/domain/ports.js';
import { callJson } from '@shopeasy/service-kit/testing';
import { checkout, checkoutBody, fillCart, newCustomer, newKey } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;
let paying: OrdersService;
// Same table and peers, but a checkout stops after its charge, still paying, until the test lets it go.
let reachedCharge: () => void = () => undefined;
let finishPaying: () => void = () => undefined;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  paying = await startOrders(peers, {
    onCheckoutStep: async (step: CheckoutStep) => {
      if (step !== 'charged') return;
      reachedCharge();
      await new Promise<void>((resolve) => (finishPaying = resolve));
    },
  });
});

afterAll(async () => {
  finishPaying();
  await paying?.stop();
  await service?.stop();
  await peers?.stop();
});

const ordersOf = async (token: string) =>
  (await callJson<{ items: { id: string }[] }>(service.url, 'GET', '/v1/orders', { token })).body.items;

describe('checkout with an Idempotency-Key', () => {
  it('When the same key and body are sent again, then the first answer comes back and nothing is charged twice', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();

    const first = await checkout(service.url, customer, key);
    // The cart was emptied by the first checkout; a replay must not depend on it.
    const second = await checkout(service.url, customer, key);
    // The same body with its keys in another order is the same request.
    const reordered = await checkout(service.url, customer, key, {
      shippingAddress: {
        country: 'GB',
        postalCode: 'N1 9GU',
        city: 'London',
        line1: '12 Example Street',
        name: 'Ada Lovelace',
      },
      paymentMethodId: 'pm_card_visa',
    });

    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect(reordered).toEqual(first);
    expect(await ordersOf(customer.token)).toHaveLength(1);
    expect(service.chargeCalls.filter((k) => k === first.body.id)).toHaveLength(1);
    expect(peers.catalog.product(product.id).stock).toBe(3);
  });

  it('When the same key comes with a different body, then checkout answers 409 and changes nothing', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    const first = await checkout(service.url, customer, key);
    fillCart(peers, customer, [{ product, quantity: 1 }]);

    const other = await checkout(service.url, customer, key, checkoutBody('pm_card_mastercard'));

    expect(first.status).toBe(201);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ type: 'https://shopeasy.example/problems/idempotency-key-reused' });
    expect(await ordersOf(customer.token)).toHaveLength(1);
    expect(peers.catalog.product(product.id).stock).toBe(4);
  });

  it('When two customers use the same key, then each gets an order of their own', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const [ada, bob] = [await newCustomer(peers), await newCustomer(peers)];
    fillCart(peers, ada, [{ product, quantity: 1 }]);
    fillCart(peers, bob, [{ product, quantity: 1 }]);
    const key = newKey();

    const forAda = await checkout(service.url, ada, key);
    const forBob = await checkout(service.url, bob, key);

    expect([forAda.status, forBob.status]).toEqual([201, 201]);
    expect(forAda.body.id).not.toBe(forBob.body.id);
    expect(peers.catalog.product(product.id).stock).toBe(3);
  });

  it('When a retry arrives while the first request is still paying, then it answers 409 and the first completes once', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();

    const charged = new Promise<void>((resolve) => (reachedCharge = resolve));
    const first = checkout(paying.url, customer, key);
    await charged;
    const retry = await checkout(paying.url, customer, key);
    finishPaying();
    const done = await first;

    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ type: 'https://shopeasy.example/problems/checkout-in-progress' });
    expect(done.status).toBe(201);
    expect(paying.chargeCalls).toEqual([done.body.id]);
    expect(await checkout(paying.url, customer, key)).toEqual(done);
    expect(await ordersOf(customer.token)).toHaveLength(1);
    expect(peers.catalog.product(product.id).stock).toBe(4);
  });

  it('When a declined checkout is retried with the same key, then the same 402 comes back without a new charge', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    const body = checkoutBody('pm_card_chargeDeclined');

    const first = await checkout(service.url, customer, key, body);
    const calls = service.chargeCalls.length;
    const again = await checkout(service.url, customer, key, body);

    expect(first.status).toBe(402);
    expect(again).toEqual(first);
    expect(service.chargeCalls.length).toBe(calls);
  });
});
