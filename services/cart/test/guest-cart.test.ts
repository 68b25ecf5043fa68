import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { overwriteStoredCart, storedCart } from './support/cart-table.js';
import { guestWith, startGuest } from './support/guest.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

const DAY = 24 * 60 * 60;

describe('guest carts (X-Cart-Token)', () => {
  it('When a guest starts a cart and adds a product, then the token reads it back with the line and its total', async () => {
    const shoe = await h.catalog.createProduct({ amount: 2500 });
    const started = await h.call<{ cartToken: string }>('POST', '/v1/carts');
    expect(started.status).toBe(201);
    expect(started.body.cartToken).toMatch(/^gct_[A-Za-z0-9_-]{43}$/);
    const guest = guestWith(h, started.body.cartToken);

    expect((await guest.cart()).items).toEqual([]);
    const added = await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 2 });

    expect(added.status).toBe(200);
    const cart = await guest.cart();
    expect(cart.items).toEqual([expect.objectContaining({ productId: shoe.id, quantity: 2 })]);
    expect(cart.total).toEqual({ amount: 5000, currency: 'EUR' });
  });

  it('When a cart is stored, then the table holds the token’s SHA-256, never the token, and it expires 7 days after its last change', async () => {
    const shoe = await h.catalog.createProduct();
    const guest = await startGuest(h);
    await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 });

    const item = await storedCart(guest.cartId);
    expect(item?.pk).toBe(`CART#${guest.cartId}`);
    expect(JSON.stringify(item)).not.toContain(guest.token);
    const expiresAt = item?.expiresAt as number;
    expect(expiresAt - Date.parse(item?.updatedAt as string) / 1000).toBeCloseTo(7 * DAY, -1);
  });

  it('When a token names no cart, then every cart operation answers 401 and the other guest’s cart is untouched', async () => {
    const shoe = await h.catalog.createProduct();
    const owner = await startGuest(h);
    await owner.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 3 });
    const before = await owner.cart();
    const stranger = guestWith(h, `${owner.token.slice(0, -2)}xx`);

    const replies = await Promise.all([
      stranger.call('GET', '/v1/cart'),
      stranger.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 }),
      stranger.call('PATCH', `/v1/cart/items/${shoe.id}`, { quantity: 1 }),
      stranger.call('DELETE', `/v1/cart/items/${shoe.id}`),
      stranger.call('DELETE', '/v1/cart'),
    ]);

    for (const reply of replies) {
      expect(reply.status).toBe(401);
      expect(reply.contentType).toContain('application/problem+json');
    }
    expect(await owner.cart()).toEqual(before);
    expect(await storedCart(stranger.cartId)).toBeUndefined();
  });

  it('When a guest cart is past its expiry, then its token answers 404 though TTL has not deleted it yet', async () => {
    const shoe = await h.catalog.createProduct();
    const guest = await startGuest(h);
    await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 });

    await overwriteStoredCart(guest.cartId, { expiresAt: Math.floor(Date.now() / 1000) - 60 });

    expect((await guest.call('GET', '/v1/cart')).status).toBe(404);
    expect((await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 })).status).toBe(
      404,
    );
  });

  it('When a shopper sends both a bearer token and a cart token, then the bearer token’s cart is the one changed', async () => {
    const shoe = await h.catalog.createProduct();
    const shopper = await h.shopper();
    const guest = await startGuest(h);

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      headers: { 'x-cart-token': guest.token },
      body: { productId: shoe.id, quantity: 1 },
    });

    expect((await h.cartOf(shopper)).items).toHaveLength(1);
    expect((await guest.cart()).items).toEqual([]);
  });
});
