import { randomUUID } from 'node:crypto';
import { newId } from '@shopeasy/service-kit/ids';
import { callJson } from '@shopeasy/service-kit/testing';
import type { StubCartLine } from './cart-stub.js';
import type { StubProduct } from './catalog-stub.js';
import type { Peers } from './orders-service.js';

export interface Customer {
  userId: string;
  email: string;
  token: string;
}

export async function newCustomer(peers: Peers): Promise<Customer> {
  const userId = newId('usr');
  const email = `customer-${randomUUID().slice(0, 8)}@shopeasy.example`;
  return { userId, email, token: await peers.issuer.token({ userId, email }) };
}

export const adminToken = (peers: Peers) =>
  peers.issuer.token({ userId: newId('usr'), role: 'admin', email: 'admin@shopeasy.example' });

/** Puts products in the customer's cart at a snapshot price (which checkout must not trust). */
export function fillCart(
  peers: Peers,
  customer: Customer,
  lines: { product: StubProduct; quantity: number; cartPrice?: number }[],
) {
  const cartLines: StubCartLine[] = lines.map(({ product, quantity, cartPrice }) => ({
    productId: product.id,
    name: product.name,
    quantity,
    unitPrice: { amount: cartPrice ?? product.price.amount, currency: product.price.currency },
  }));
  peers.cart.setCart(customer.userId, cartLines);
}

export const checkoutBody = (paymentMethodId = 'pm_card_visa') => ({
  paymentMethodId,
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Example Street',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
});

/**
 * A checkout as a client sends it. The reply leaves its headers out, so that a replay compares
 * equal to the first answer (request ids and dates differ).
 */
export async function checkout(url: string, customer: Customer, key: string, body: unknown = checkoutBody()) {
  const {
    status,
    contentType,
    body: answer,
  } = await callJson<Record<string, unknown> & { id: string; status: string }>(url, 'POST', '/v1/orders', {
    token: customer.token,
    body,
    headers: { 'Idempotency-Key': key },
  });
  return { status, contentType, body: answer };
}

export const newKey = () => randomUUID();
