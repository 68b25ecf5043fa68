import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
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

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

const onlyOrder = async (token: string) => {
  const { body } = await callJson<{
    items: { id: string; status: string; payment: Record<string, unknown> }[];
  }>(service.url, 'GET', '/v1/orders', { token });
  expect(body.items).toHaveLength(1);
  return body.items[0]!;
};

describe('checkout that cannot be paid', () => {
  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_visa_chargeDeclinedLostCard', 'lost_card'],
    ['pm_card_made_up', 'unknown_test_payment_method'],
  ])(
    'When the payment method is %s, then checkout answers 402 (%s), releases the stock and keeps the cart',
    async (method, code) => {
      const product = peers.catalog.addProduct({ stock: 4 });
      const customer = await newCustomer(peers);
      fillCart(peers, customer, [{ product, quantity: 3 }]);

      const reply = await checkout(service.url, customer, newKey(), checkoutBody(method));

      expect(reply.status).toBe(402);
      expect(reply.contentType).toContain('application/problem+json');
      expect(reply.body).toMatchObject({
        type: 'https://shopeasy.example/problems/payment-declined',
        status: 402,
      });
      expect(reply.body.detail).toContain(code);
      expect(peers.catalog.product(product.id).stock).toBe(4);
      expect(peers.cart.cart(customer.userId)).toHaveLength(1);
      const order = await onlyOrder(customer.token);
      expect(order.status).toBe('payment_failed');
      expect(order.payment).toMatchObject({ status: 'declined' });
      expect(peers.catalog.reservation(order.id)?.status).toBe('released');
    },
  );

  it('When a line asks for more than is in stock, then checkout answers 409 naming the product, reserves nothing and charges nothing', async () => {
    const plenty = peers.catalog.addProduct({ stock: 10 });
    const scarce = peers.catalog.addProduct({ name: 'Limited Jacket', stock: 1 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [
      { product: plenty, quantity: 2 },
      { product: scarce, quantity: 2 },
    ]);
    const calls = service.chargeCalls.length;

    const reply = await checkout(service.url, customer, newKey());

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ type: 'https://shopeasy.example/problems/out-of-stock', status: 409 });
    expect(reply.body.detail).toContain(scarce.id);
    expect(reply.body.errors).toEqual([
      { field: 'cart.items.1.quantity', message: `${scarce.id}: 2 requested, only 1 left in stock` },
    ]);
    expect(peers.catalog.product(plenty.id).stock).toBe(10);
    expect(peers.catalog.product(scarce.id).stock).toBe(1);
    expect(service.chargeCalls.length).toBe(calls);
    const order = await onlyOrder(customer.token);
    expect(order.status).toBe('cancelled');
    expect(await sandboxCharge(service, order.id)).toBeUndefined();
  });

  it('When a product is no longer sold, then checkout answers 409 product-unavailable', async () => {
    const gone = peers.catalog.addProduct({ active: false });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product: gone, quantity: 1 }]);

    const reply = await checkout(service.url, customer, newKey());

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ type: 'https://shopeasy.example/problems/product-unavailable' });
    expect((await onlyOrder(customer.token)).status).toBe('cancelled');
  });
});
