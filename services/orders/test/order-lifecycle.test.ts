import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../src/data-access/keys.js';
import { callJson } from '@shopeasy/service-kit/testing';
import { subscribeToEvents, type EventQueue } from './support/events.js';
import { adminToken, checkout, fillCart, newCustomer, newKey, type Customer } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;
let events: EventQueue;
let admin: string;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  events = await subscribeToEvents(service.config.EVENTS_TOPIC_ARN);
  admin = await adminToken(peers);
});

afterAll(async () => {
  await events?.stop();
  await service?.stop();
  await peers?.stop();
});

/** A paid order of a new customer for 2 units of a product with 5 in stock. */
async function paidOrder(): Promise<{ customer: Customer; orderId: string; productId: string }> {
  const product = peers.catalog.addProduct({ stock: 5, price: { amount: 3000, currency: 'EUR' } });
  const customer = await newCustomer(peers);
  fillCart(peers, customer, [{ product, quantity: 2 }]);
  const reply = await checkout(service.url, customer, newKey());
  expect(reply.status).toBe(201);
  return { customer, orderId: reply.body.id, productId: product.id };
}

const post = (path: string, token: string) => callJson(service.url, 'POST', path, { token });

describe('cancel and ship', () => {
  it('When the owner cancels a paid order, then it is refunded, its stock released and order.cancelled published', async () => {
    const { customer, orderId, productId } = await paidOrder();

    const reply = await post(`/v1/orders/${orderId}/cancel`, customer.token);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: orderId, status: 'cancelled', payment: { status: 'refunded' } });
    expect(peers.catalog.product(productId).stock).toBe(5);
    const { Item: refund } = await service.db.send(
      new GetCommand({
        TableName: service.config.ORDERS_TABLE,
        Key: keys.sandboxRefund(`refund_${orderId}`),
      }),
    );
    expect(refund).toMatchObject({ status: 'succeeded' });
    const cancelled = (
      await events.collect((all) =>
        all.some((e) => e.type === 'order.cancelled' && JSON.stringify(e.data).includes(orderId)),
      )
    ).find((e) => e.type === 'order.cancelled' && (e.data as { orderId: string }).orderId === orderId);
    expect(cancelled?.data).toEqual({
      orderId,
      userId: customer.userId,
      email: customer.email,
      refunded: true,
      total: { amount: 6000, currency: 'EUR' },
    });

    const again = await post(`/v1/orders/${orderId}/cancel`, customer.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);
    expect(peers.catalog.product(productId).stock).toBe(5);
  });

  it('When an admin ships a paid order, then it is shipped, order.shipped is published and cancelling answers 409', async () => {
    const { customer, orderId, productId } = await paidOrder();

    const shipped = await post(`/v1/orders/${orderId}/ship`, admin);
    const cancel = await post(`/v1/orders/${orderId}/cancel`, customer.token);

    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', payment: { status: 'captured' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ type: 'https://shopeasy.example/problems/invalid-order-transition' });
    expect(peers.catalog.product(productId).stock).toBe(3);
    const received = await events.collect((all) =>
      all.some((e) => e.type === 'order.shipped' && JSON.stringify(e.data).includes(orderId)),
    );
    expect(
      received.find((e) => e.type === 'order.shipped' && JSON.stringify(e.data).includes(orderId))?.data,
    ).toEqual({
      orderId,
      userId: customer.userId,
      email: customer.email,
    });
    expect((await post(`/v1/orders/${orderId}/ship`, admin)).body).toEqual(shipped.body);
  });

  it('When a customer tries to ship an order, then the answer is 403 and the order stays paid', async () => {
    const { customer, orderId } = await paidOrder();

    const reply = await post(`/v1/orders/${orderId}/ship`, customer.token);

    expect(reply.status).toBe(403);
    expect(
      (await callJson(service.url, 'GET', `/v1/orders/${orderId}`, { token: customer.token })).body.status,
    ).toBe('paid');
  });

  it('When another customer cancels an order, then the answer is 404 and the order stays paid', async () => {
    const { customer, orderId } = await paidOrder();
    const stranger = await newCustomer(peers);

    const reply = await post(`/v1/orders/${orderId}/cancel`, stranger.token);

    expect(reply.status).toBe(404);
    expect(
      (await callJson(service.url, 'GET', `/v1/orders/${orderId}`, { token: customer.token })).body.status,
    ).toBe('paid');
  });

  it('When an admin cancels a customer order, then it is cancelled and refunded', async () => {
    const { orderId, productId } = await paidOrder();

    const reply = await post(`/v1/orders/${orderId}/cancel`, admin);

    expect(reply.body).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(peers.catalog.product(productId).stock).toBe(5);
  });

  it('When ship and cancel race, then exactly one wins and the stock matches the winner', async () => {
    const { customer, orderId, productId } = await paidOrder();

    const [ship, cancel] = await Promise.all([
      post(`/v1/orders/${orderId}/ship`, admin),
      post(`/v1/orders/${orderId}/cancel`, customer.token),
    ]);

    expect([ship.status, cancel.status].sort()).toEqual([200, 409]);
    const final = (await callJson(service.url, 'GET', `/v1/orders/${orderId}`, { token: customer.token }))
      .body;
    expect(final.status).toBe(ship.status === 200 ? 'shipped' : 'cancelled');
    expect(peers.catalog.product(productId).stock).toBe(final.status === 'shipped' ? 3 : 5);
  });

  it('When a declined order is cancelled, then the answer is 409', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);
    const declined = await checkout(service.url, customer, newKey(), {
      paymentMethodId: 'pm_card_chargeDeclined',
      shippingAddress: { name: 'Ada', line1: '1 Road', city: 'London', postalCode: 'N1', country: 'GB' },
    });
    expect(declined.status).toBe(402);
    const [order] = (
      await callJson<{ items: { id: string }[] }>(service.url, 'GET', '/v1/orders', { token: customer.token })
    ).body.items;

    const reply = await post(`/v1/orders/${order!.id}/cancel`, customer.token);

    expect(reply.status).toBe(409);
  });
});
