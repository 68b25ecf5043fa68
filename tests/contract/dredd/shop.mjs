// The HTTP calls the hooks make to set up fixtures, through the same gateway Dredd tests.
import { randomUUID } from 'node:crypto';

const gatewayUrl = process.env.DREDD_GATEWAY_URL;
if (!gatewayUrl)
  throw new Error('DREDD_GATEWAY_URL is not set: run Dredd through tests/contract/src/dredd.ts');

/** One JSON call; throws unless the answer has the status the fixture needs. */
export async function api(method, path, { token, body, headers = {}, expect } = {}) {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (expect !== undefined && response.status !== expect) {
    throw new Error(`Fixture ${method} ${path}: expected ${expect}, got ${response.status} ${text}`);
  }
  return { status: response.status, json };
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export const login = async (email, password) =>
  (await api('POST', '/v1/auth/login', { body: { email, password }, expect: 200 })).json;

export async function registerCustomer() {
  const account = {
    email: `dredd-${unique()}@example.test`,
    password: `gate-${randomUUID()}`,
    name: 'Dredd Shopper',
  };
  await api('POST', '/v1/auth/register', { body: account, expect: 201 });
  return { ...account, ...(await login(account.email, account.password)) };
}

export async function createProduct(adminToken, categoryId, stock) {
  const body = {
    categoryId,
    name: `Dredd fixture ${unique()}`,
    description: 'A product the contract gate creates for its own transactions.',
    price: { amount: 1999, currency: 'EUR' },
    stock,
  };
  return (await api('POST', '/v1/products', { token: adminToken, body, expect: 201 })).json;
}

/** The cart holds exactly `quantity` of `productId`. */
export async function cartWith(token, productId, quantity = 1) {
  await api('DELETE', '/v1/cart', { token, expect: 204 });
  await api('POST', '/v1/cart/items', { token, body: { productId, quantity }, expect: 200 });
}

export const checkoutBody = (paymentMethodId = 'pm_card_visa') => ({
  paymentMethodId,
  // line2 too: Dredd expects every field the contract's example shows.
  shippingAddress: {
    name: 'Dredd Shopper',
    line1: '1 Gate Street',
    line2: 'Rear building',
    city: 'Berlin',
    postalCode: '10115',
    country: 'DE',
  },
});

/** A paid order of one unit of `productId`. */
export async function placeOrder(token, productId) {
  await cartWith(token, productId);
  const headers = { 'Idempotency-Key': randomUUID() };
  return (await api('POST', '/v1/orders', { token, headers, body: checkoutBody(), expect: 201 })).json;
}
