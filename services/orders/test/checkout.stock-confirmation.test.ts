import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import { checkout, checkoutBody, fillCart, newCustomer, newKey } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

describe('the reservation of a checkout', () => {
  it('When a checkout is paid, then its reservation is confirmed exactly once, a replay included', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();

    const reply = await checkout(service.url, customer, key);
    const replay = await checkout(service.url, customer, key);

    expect(reply.status).toBe(201);
    expect(replay.status).toBe(201);
    const orderId = reply.body.id as string;
    expect(peers.catalog.reservation(orderId)?.status).toBe('confirmed');
    expect(peers.catalog.confirmCalls(orderId)).toBe(1);
    expect(peers.catalog.product(product.id).stock).toBe(3);
  });

  it('When a checkout is declined, then its reservation is released and never confirmed', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);

    const reply = await checkout(service.url, customer, newKey(), checkoutBody('pm_card_chargeDeclined'));

    expect(reply.status).toBe(402);
    const { body } = await callJson<{ items: { id: string }[] }>(service.url, 'GET', '/v1/orders', {
      token: customer.token,
    });
    const orderId = body.items[0]!.id;
    expect(peers.catalog.reservation(orderId)?.status).toBe('released');
    expect(peers.catalog.confirmCalls(orderId)).toBe(0);
    expect(peers.catalog.product(product.id).stock).toBe(5);
  });

  it('When a paid order is cancelled, then its confirmed reservation is released and not confirmed again', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const paid = await checkout(service.url, customer, newKey());
    const orderId = paid.body.id as string;

    const cancelled = await callJson(service.url, 'POST', `/v1/orders/${orderId}/cancel`, {
      token: customer.token,
    });

    expect(cancelled.status).toBe(200);
    expect(peers.catalog.reservation(orderId)?.status).toBe('released');
    expect(peers.catalog.confirmCalls(orderId)).toBe(1);
    expect(peers.catalog.product(product.id).stock).toBe(5);
  });
});
