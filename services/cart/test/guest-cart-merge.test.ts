import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEventsFor } from './support/cart-outbox.js';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { storedCart } from './support/cart-table.js';
import { startGuest } from './support/guest.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

const merge = (token: string, cartToken: string) =>
  h.call('POST', '/v1/cart/merge', { token, body: { cartToken } });

describe('merging a guest cart at sign-in (POST /v1/cart/merge)', () => {
  it('When both carts hold a product, then quantities add up to the line maximum and the stock, and snapshots are kept', async () => {
    const shoe = await h.catalog.createProduct({ amount: 1000, stock: 50 });
    const sock = await h.catalog.createProduct({ amount: 300, stock: 5 });
    const shopper = await h.shopper();
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 3 },
    });
    await h.catalog.updateProduct(shoe.id, { price: { amount: 1200, currency: 'EUR' } });
    const guest = await startGuest(h);
    await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 9 });
    await guest.call('POST', '/v1/cart/items', { productId: sock.id, quantity: 4 });
    await h.catalog.updateProduct(sock.id, { price: { amount: 350, currency: 'EUR' } });
    await h.catalog.setStock(sock.id, 2);

    const merged = await merge(shopper.token, guest.token);

    expect(merged.status).toBe(200);
    const cart = await h.cartOf(shopper);
    expect(cart.items.map((i) => [i.productId, i.quantity, i.unitPrice.amount])).toEqual([
      [shoe.id, 10, 1000], // 3 + 9 capped at the line maximum; the customer's snapshot
      [sock.id, 2, 300], // 4 capped at the stock; the guest's snapshot
    ]);
    expect(merged.body).toEqual(cart);
  });

  it('When a guest cart is merged, then its token answers 404, a second merge 404, and its units move in the outboxes', async () => {
    const shoe = await h.catalog.createProduct();
    const shopper = await h.shopper();
    const guest = await startGuest(h);
    await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 2 });

    expect((await merge(shopper.token, guest.token)).status).toBe(200);

    expect((await guest.call('GET', '/v1/cart')).status).toBe(404);
    expect((await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 })).status).toBe(
      404,
    );
    const again = await merge(shopper.token, guest.token);
    expect(again.status).toBe(404);
    expect(again.contentType).toContain('application/problem+json');
    const ended = await storedCart(guest.cartId);
    expect(ended).toMatchObject({ lines: [], mergedInto: shopper.userId, endedAt: expect.any(String) });
    expect(ended?.outbox).toMatchObject({ events: [{ type: 'cart.item.removed', quantityDelta: -2 }] });
    expect((await storedCart(shopper.userId))?.outbox).toMatchObject({
      events: [{ type: 'cart.item.added', productId: shoe.id, quantityDelta: 2 }],
    });
  });

  it('When two merges of one guest cart arrive at once, then it is merged once and the units in carts are counted once', async () => {
    const shoe = await h.catalog.createProduct({ stock: 50 });
    const shopper = await h.shopper();
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });
    const guest = await startGuest(h);
    await guest.call('POST', '/v1/cart/items', { productId: shoe.id, quantity: 3 });

    const replies = await Promise.all([merge(shopper.token, guest.token), merge(shopper.token, guest.token)]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 404]);
    expect((await h.cartOf(shopper)).items[0]?.quantity).toBe(4);
    const held = (await outboxEventsFor(shoe.id)).reduce((sum, e) => sum + e.quantityDelta, 0);
    expect(held).toBe(4);
  });

  it('When the token names no guest cart or no bearer token is sent, then 404 and 401, and the customer’s cart is unchanged', async () => {
    const shopper = await h.shopper();
    const guest = await startGuest(h);

    expect((await merge(shopper.token, `gct_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await h.call('POST', '/v1/cart/merge', { body: { cartToken: guest.token } })).status).toBe(401);
    const asGuest = await h.call('POST', '/v1/cart/merge', {
      headers: { 'x-cart-token': guest.token },
      body: { cartToken: guest.token },
    });
    expect(asGuest.status).toBe(401);
    expect((await guest.cart()).items).toEqual([]);
    expect(await storedCart(shopper.userId)).toBeUndefined();
  });
});
