import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productInStock, shippingAddress } from './support/catalog.js';
import { admin, clients, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl);
});

describe('checkout under contention', () => {
  it('When 50 buyers check out the last 10 units at once, then exactly 10 orders, 40 clean 409s, stock 0', async () => {
    const product = await productInStock(adminApi, 10);
    const buyers = [];
    for (let i = 0; i < 50; i++) {
      const buyer = await newShopper(gatewayUrl, `Buyer ${i}`);
      await buyer.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });
      buyers.push(buyer);
    }
    const responses = await Promise.all(
      buyers.map((buyer) =>
        fetch(`${gatewayUrl}/v1/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${buyer.accessToken}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ paymentMethodId: 'pm_card_visa', shippingAddress }),
        }).then(async (res) => ({ status: res.status, body: await res.json() })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    console.log(
      `50 concurrent checkouts: ${statuses.filter((s) => s === 201).length} created, ${statuses.filter((s) => s === 409).length} conflicts`,
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.body).toMatchObject({ status: 409 });
    }
    const after = await clients(gatewayUrl).products.getProduct({ productId: product.id });
    expect(after.stock).toBe(0);
  });
});
