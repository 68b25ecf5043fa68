import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import { subscribeToEvents, type EventQueue } from './support/events.js';
import { checkout, checkoutBody, fillCart, newCustomer, newKey } from './support/customers.js';
import {
  sandboxCharge,
  startOrders,
  startPeers,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;
let events: EventQueue;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  events = await subscribeToEvents(service.config.EVENTS_TOPIC_ARN);
});

afterAll(async () => {
  await events?.stop();
  await service?.stop();
  await peers?.stop();
});

describe('checkout', () => {
  it('When a customer checks out with pm_card_visa, then the order is paid at catalog prices, stock is taken and the cart emptied', async () => {
    const shoe = peers.catalog.addProduct({
      name: 'Trail Running Shoe',
      price: { amount: 8999, currency: 'EUR' },
      stock: 5,
    });
    const sock = peers.catalog.addProduct({
      name: 'Wool Socks',
      price: { amount: 1250, currency: 'EUR' },
      stock: 5,
    });
    const customer = await newCustomer(peers);
    // The cart's snapshot prices are stale: the catalog's are what the customer pays.
    fillCart(peers, customer, [
      { product: shoe, quantity: 2, cartPrice: 5000 },
      { product: sock, quantity: 1, cartPrice: 100 },
    ]);

    const reply = await checkout(service.url, customer, newKey());

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      userId: customer.userId,
      status: 'paid',
      total: { amount: 2 * 8999 + 1250, currency: 'EUR' },
      payment: { provider: 'sandbox', status: 'captured', reference: expect.stringMatching(/^pi_/) },
      shippingAddress: checkoutBody().shippingAddress,
    });
    expect(reply.body.items).toEqual([
      {
        productId: shoe.id,
        name: 'Trail Running Shoe',
        quantity: 2,
        unitPrice: { amount: 8999, currency: 'EUR' },
        lineTotal: { amount: 17998, currency: 'EUR' },
      },
      {
        productId: sock.id,
        name: 'Wool Socks',
        quantity: 1,
        unitPrice: { amount: 1250, currency: 'EUR' },
        lineTotal: { amount: 1250, currency: 'EUR' },
      },
    ]);
    expect(peers.catalog.product(shoe.id).stock).toBe(3);
    expect(peers.catalog.product(sock.id).stock).toBe(4);
    expect(peers.cart.cart(customer.userId)).toEqual([]);
    expect(await sandboxCharge(service, reply.body.id)).toMatchObject({
      status: 'succeeded',
      amount: 19248,
      currency: 'EUR',
    });

    const mine = await callJson<{ items: { id: string }[] }>(
      service.url,
      'GET',
      `/v1/orders/${reply.body.id}`,
      {
        token: customer.token,
      },
    );
    expect(mine.body).toEqual(reply.body);
  });

  it('When an order is paid, then order.placed and order.paid reach the topic with the customer email', async () => {
    const product = peers.catalog.addProduct({ price: { amount: 4200, currency: 'EUR' } });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);

    const { body: order } = await checkout(service.url, customer, newKey());

    const ofOrder = <E extends { data: unknown }>(all: E[]) =>
      all.filter((e) => (e.data as { orderId?: string }).orderId === order.id);
    const received = ofOrder(await events.collect((all) => ofOrder(all).length >= 2));
    expect(received.map((e) => e.type).sort()).toEqual(['order.paid', 'order.placed']);
    for (const event of received) {
      expect(event.data).toMatchObject({
        orderId: order.id,
        userId: customer.userId,
        email: customer.email,
        total: { amount: 4200, currency: 'EUR' },
      });
    }
    expect(received.find((e) => e.type === 'order.paid')!.data).toMatchObject({
      payment: { provider: 'sandbox', reference: (order.payment as { reference: string }).reference },
    });
  });

  it('When the cart is empty, then checkout answers 409 empty-cart and creates no order', async () => {
    const customer = await newCustomer(peers);

    const reply = await checkout(service.url, customer, newKey());

    expect(reply.status).toBe(409);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ type: 'https://shopeasy.example/problems/empty-cart', status: 409 });
    const list = await callJson<{ items: unknown[] }>(service.url, 'GET', '/v1/orders', {
      token: customer.token,
    });
    expect(list.body.items).toEqual([]);
  });

  it('When the Idempotency-Key header is missing or too short, then checkout answers 400 naming header.idempotency-key', async () => {
    const product = peers.catalog.addProduct({ stock: 3 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 1 }]);

    const missing = await callJson(service.url, 'POST', '/v1/orders', {
      token: customer.token,
      body: checkoutBody(),
    });
    const short = await checkout(service.url, customer, 'abc');

    for (const reply of [missing, short]) {
      expect(reply.status).toBe(400);
      const fields = (reply.body.errors as { field: string }[]).map((e) => e.field);
      // The service kit currently reports header fields as `body.header.<name>`; either way the
      // field named is the Idempotency-Key header.
      expect(fields).toContainEqual(expect.stringMatching(/(^|\.)header\.idempotency-key$/));
    }
    expect(peers.catalog.product(product.id).stock).toBe(3);
  });

  it('When the body has a card number instead of a payment-method token, then checkout answers 400 and charges nothing', async () => {
    const customer = await newCustomer(peers);
    const body = { ...checkoutBody(), paymentMethodId: '4242424242424242' };

    const reply = await checkout(service.url, customer, newKey(), body);

    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body.paymentMethodId' })]),
    );
  });
});
