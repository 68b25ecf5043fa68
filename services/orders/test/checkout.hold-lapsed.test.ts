import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { callJson } from '@shopeasy/service-kit/testing';
import { keys } from '../src/data-access/keys.js';
import type { CheckoutStep } from '../src/domain/ports.js';
import { subscribeToEvents, type EventQueue } from './support/events.js';
import { checkout, fillCart, newCustomer, newKey, type Customer } from './support/customers.js';
import {
  startOrders,
  startPeers,
  testClock,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';

const LEASE_MS = 1_000;
const HOLD_SECONDS = 7_200;
const ENV = { CHECKOUT_LEASE_MS: String(LEASE_MS), RESERVATION_TTL_SECONDS: String(HOLD_SECONDS) };
const clock = testClock();
const EXPIRED = 'https://shopeasy.example/problems/reservation-expired';

let peers: Peers;
let service: OrdersService;
let events: EventQueue;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers, { env: ENV, clock });
  events = await subscribeToEvents(service.config.EVENTS_TOPIC_ARN);
});

afterAll(async () => {
  await events?.stop();
  await service?.stop();
  await peers?.stop();
});

class SimulatedCrash extends Error {}

// A process that dies once the stock is reserved, leaving the order to a retry with the same key.
async function reservedThenDead(customer: Customer, key: string) {
  const doomed = await startOrders(peers, {
    env: ENV,
    clock,
    onCheckoutStep: (step) => {
      if (step === 'reserved') throw new SimulatedCrash('process died after reserving');
    },
  });
  expect((await checkout(doomed.url, customer, key)).status).toBe(500);
  await doomed.stop();
  return doomed;
}

async function onlyOrder(customer: Customer, url = service.url) {
  const { body } = await callJson<{ items: { id: string; status: string; payment: { status: string } }[] }>(
    url,
    'GET',
    '/v1/orders',
    { token: customer.token },
  );
  expect(body.items).toHaveLength(1);
  return body.items[0]!;
}

describe('a checkout whose stock hold lapses', () => {
  it('When a retry with the same key comes after the hold has expired, then nothing is charged, it answers 409 reservation-expired and the order is cancelled', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();
    await reservedThenDead(customer, key);

    clock.advance(HOLD_SECONDS * 1000 + LEASE_MS);
    const retry = await checkout(service.url, customer, key);
    const replay = await checkout(service.url, customer, key);

    expect(retry.status).toBe(409);
    expect(retry.contentType).toMatch(/application\/problem\+json/);
    expect(retry.body).toMatchObject({ type: EXPIRED, status: 409 });
    expect(replay).toEqual(retry);
    const order = await onlyOrder(customer);
    expect(order.status).toBe('cancelled');
    expect(service.chargeCalls).not.toContain(order.id);
    expect(peers.catalog.reservation(order.id)?.status).toBe('released');
    expect(peers.catalog.product(product.id).stock).toBe(5);
  });

  it('When the hold would lapse within the payment timeout, then the retry is not charged either', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const key = newKey();
    await reservedThenDead(customer, key);

    // 20 s payment timeout: a hold with 10 s left could run out while the charge is under way.
    clock.advance(HOLD_SECONDS * 1000 - 10_000);
    const retry = await checkout(service.url, customer, key);

    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ type: EXPIRED });
    const order = await onlyOrder(customer);
    expect(service.chargeCalls).not.toContain(order.id);
    expect(peers.catalog.product(product.id).stock).toBe(5);
  });

  it('When the hold is found gone after the charge, then the order is refunded, cancelled and the customer told', async () => {
    const product = peers.catalog.addProduct({ stock: 5, price: { amount: 2500, currency: 'EUR' } });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    // On the catalog's own clock, its sweeper releases the hold while the provider is answering.
    const onCheckoutStep = (step: CheckoutStep, orderId: string) =>
      void (step === 'charged' && peers.catalog.expire(orderId));
    const live = await startOrders(peers, { env: ENV, onCheckoutStep });

    const reply = await checkout(live.url, customer, newKey());
    await live.stop();

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ type: EXPIRED });
    const order = await onlyOrder(customer);
    expect(order).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    const { Item: refund } = await service.db.send(
      new GetCommand({
        TableName: service.config.ORDERS_TABLE,
        Key: keys.sandboxRefund(`refund_${order.id}`),
      }),
    );
    expect(refund).toMatchObject({ status: 'succeeded' });
    const published = await events.collect((all) =>
      all.some((e) => e.type === 'order.cancelled' && JSON.stringify(e.data).includes(order.id)),
    );
    const mine = published.filter((e) => JSON.stringify(e.data).includes(order.id));
    expect(mine.map((e) => e.type)).toEqual(['order.cancelled']);
    expect(mine[0]!.data).toMatchObject({ orderId: order.id, refunded: true, email: customer.email });
    expect(peers.catalog.product(product.id).stock).toBe(5);
    expect(peers.cart.cart(customer.userId)).toHaveLength(1);
  });
});
