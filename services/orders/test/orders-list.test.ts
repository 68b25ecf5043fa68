import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import {
  adminToken,
  checkout,
  checkoutBody,
  fillCart,
  newCustomer,
  newKey,
  type Customer,
} from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;
let admin: string;
const INTERNAL_KEY = 'orders-test-internal-key';

interface OrderPage {
  items: { id: string; userId: string; status: string; createdAt: string }[];
  nextCursor?: string;
}

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  admin = await adminToken(peers);
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

async function order(customer: Customer, method = 'pm_card_visa', productId?: string) {
  const product = productId ? peers.catalog.product(productId) : peers.catalog.addProduct({ stock: 5 });
  fillCart(peers, customer, [{ product, quantity: 1 }]);
  await checkout(service.url, customer, newKey(), checkoutBody(method));
  // Declined checkouts answer a problem, not the order: the newest order of the customer is it.
  return (await list(customer.token, '?limit=1')).body.items[0]!.id;
}

const list = (token: string, query = '') =>
  callJson<OrderPage>(service.url, 'GET', `/v1/orders${query}`, { token });

describe('listing and reading orders', () => {
  it('When a customer pages through their orders, then each appears once, newest first, and no one else sees them', async () => {
    const customer = await newCustomer(peers);
    const ids = [await order(customer), await order(customer), await order(customer)];
    const stranger = await newCustomer(peers);

    const first = await list(customer.token, '?limit=2');
    const second = await list(customer.token, `?limit=2&cursor=${first.body.nextCursor}`);

    expect(first.body.items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    expect(second.body.items.map((o) => o.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeUndefined();
    expect((await list(stranger.token)).body.items).toEqual([]);
    expect(
      (await callJson(service.url, 'GET', `/v1/orders/${ids[0]}`, { token: stranger.token })).status,
    ).toBe(404);
    expect((await callJson(service.url, 'GET', `/v1/orders/${ids[0]}`, { token: admin })).status).toBe(200);
  });

  it('When a customer filters by status, then only their orders in that status come back', async () => {
    const customer = await newCustomer(peers);
    const paid = await order(customer);
    const declined = await order(customer, 'pm_card_chargeDeclined');

    expect((await list(customer.token, '?status=paid')).body.items.map((o) => o.id)).toEqual([paid]);
    expect((await list(customer.token, '?status=payment_failed')).body.items.map((o) => o.id)).toEqual([
      declined,
    ]);
  });

  it('When an admin lists orders, then every customer’s orders appear newest first, and the status filter applies', async () => {
    const [ada, bob] = [await newCustomer(peers), await newCustomer(peers)];
    const adaOrder = await order(ada);
    const bobDeclined = await order(bob, 'pm_card_chargeDeclined');

    // Other files' orders share the table (some dated in the future): page until both are seen.
    const all = await adminPages('?limit=100', [adaOrder, bobDeclined]);
    const failed = await adminPages('?status=payment_failed&limit=100', [bobDeclined]);

    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([adaOrder, bobDeclined]));
    const positions = all.map((o) => `${o.createdAt}#${o.id}`);
    expect(positions).toEqual([...positions].sort().reverse());
    expect(failed.map((o) => o.id)).toContain(bobDeclined);
    expect(failed.every((o) => o.status === 'payment_failed')).toBe(true);
  });

  it('When the cursor was not made by this list, then the answer is 400 naming the cursor', async () => {
    const customer = await newCustomer(peers);
    const forged = Buffer.from(
      JSON.stringify({ pk: 'ORDER#x', sk: 'ORDER', gsi1pk: 'USER#someone-else', gsi1sk: 'x' }),
    ).toString('base64url');

    const reply = await list(customer.token, `?cursor=${forged}`);

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('cursor');
  });
});

/** The admin list's pages, in order, until every one of `wanted` was on one (or the list ends). */
async function adminPages(query: string, wanted: string[]) {
  const items: Awaited<ReturnType<typeof list>>['body']['items'] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const { body } = await list(admin, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor || wanted.every((id) => items.some((o) => o.id === id))) break;
  }
  return items;
}

describe('checkPurchase (internal)', () => {
  const ask = (userId: string, productId: string, key?: string) =>
    callJson(service.url, 'GET', `/internal/v1/purchases?userId=${userId}&productId=${productId}`, {
      ...(key ? { headers: { 'X-Internal-Key': key } } : {}),
    });

  it('When a customer paid for a product, then the purchase is confirmed with the order; when not, it is denied', async () => {
    const customer = await newCustomer(peers);
    const product = peers.catalog.addProduct({ stock: 5 });
    const declinedOnly = peers.catalog.addProduct({ stock: 5 });
    const orderId = await order(customer, 'pm_card_visa', product.id);
    await order(customer, 'pm_card_chargeDeclined', declinedOnly.id);

    expect((await ask(customer.userId, product.id, INTERNAL_KEY)).body).toEqual({
      userId: customer.userId,
      productId: product.id,
      purchased: true,
      orderId,
    });
    expect((await ask(customer.userId, declinedOnly.id, INTERNAL_KEY)).body).toEqual({
      userId: customer.userId,
      productId: declinedOnly.id,
      purchased: false,
    });
  });

  it('When the paid order is cancelled, then the purchase no longer counts', async () => {
    const customer = await newCustomer(peers);
    const product = peers.catalog.addProduct({ stock: 5 });
    const orderId = await order(customer, 'pm_card_visa', product.id);

    await callJson(service.url, 'POST', `/v1/orders/${orderId}/cancel`, { token: customer.token });

    expect((await ask(customer.userId, product.id, INTERNAL_KEY)).body).toMatchObject({ purchased: false });
  });

  it('When the internal key is missing or wrong, then the answer is 401', async () => {
    const customer = await newCustomer(peers);
    const product = peers.catalog.addProduct();

    expect((await ask(customer.userId, product.id)).status).toBe(401);
    expect((await ask(customer.userId, product.id, 'not-the-internal-key')).status).toBe(401);
  });
});
