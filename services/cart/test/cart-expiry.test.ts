import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { overwriteStoredCart, storedCart } from './support/cart-table.js';

const DAY = 24 * 60 * 60;

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness({ CART_TTL_DAYS: '7' });
});
afterAll(async () => {
  await h?.stop();
});

describe('abandoned carts expire through DynamoDB TTL', () => {
  it('When a cart changes, then its item carries expiresAt CART_TTL_DAYS after the change, in epoch seconds', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();
    const before = Math.floor(Date.now() / 1000);

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });

    const expiresAt = (await storedCart(shopper.userId))?.expiresAt as number;
    const after = Math.floor(Date.now() / 1000);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(after + 7 * DAY);
  });

  it('When an old cart changes again, then its expiry moves forward', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });
    const soon = Math.floor(Date.now() / 1000) + DAY;
    await overwriteStoredCart(shopper.userId, { expiresAt: soon });

    await h.call('PATCH', `/v1/cart/items/${shoe.id}`, { token: shopper.token, body: { quantity: 2 } });

    expect((await storedCart(shopper.userId))?.expiresAt as number).toBeGreaterThan(soon + 5 * DAY);
  });

  it('When a cart is past its expiry but not yet deleted by TTL, then it reads as empty and can be filled again', async () => {
    const shopper = await h.shopper();
    const old = await h.catalog.createProduct();
    const fresh = await h.catalog.createProduct();
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: old.id, quantity: 1 },
    });
    await overwriteStoredCart(shopper.userId, { expiresAt: Math.floor(Date.now() / 1000) - 60 });

    expect((await h.cartOf(shopper)).items).toEqual([]);
    const added = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: fresh.id, quantity: 1 },
    });

    expect(added.status).toBe(200);
    expect((await h.cartOf(shopper)).items.map((i) => i.productId)).toEqual([fresh.id]);
  });
});
