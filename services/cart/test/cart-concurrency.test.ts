import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('concurrent changes to one cart', () => {
  it('When 10 adds of 1 unit of the same product arrive at once, then the line holds 10 units', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ amount: 1000, stock: 50 });

    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.call('POST', '/v1/cart/items', { token: shopper.token, body: { productId: shoe.id, quantity: 1 } }),
      ),
    );

    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    const cart = await h.cartOf(shopper);
    expect(cart.items).toHaveLength(1);
    expect(cart.items[0]?.quantity).toBe(10);
    expect(cart.total.amount).toBe(10_000);
  });

  it('When 12 adds of 1 unit race for a line that holds 10, then exactly 10 succeed and 2 get 422', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ stock: 50 });

    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        h.call('POST', '/v1/cart/items', { token: shopper.token, body: { productId: shoe.id, quantity: 1 } }),
      ),
    );

    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(200), 422, 422]);
    expect((await h.cartOf(shopper)).items[0]?.quantity).toBe(10);
  });

  it('When different products are added at once, then every one of them is in the cart', async () => {
    const shopper = await h.shopper();
    const products = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.catalog.createProduct({ amount: 100 * (i + 1) })),
    );

    await Promise.all(
      products.map((p) =>
        h.call('POST', '/v1/cart/items', { token: shopper.token, body: { productId: p.id, quantity: 2 } }),
      ),
    );

    const cart = await h.cartOf(shopper);
    expect(cart.items.map((i) => i.productId).sort()).toEqual(products.map((p) => p.id).sort());
    expect(cart.total.amount).toBe(2 * (100 + 200 + 300 + 400 + 500 + 600));
  });
});
