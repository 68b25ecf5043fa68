import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('each shopper has their own cart', () => {
  it("When another shopper opens their cart, then they see none of the first shopper's lines", async () => {
    const alice = await h.shopper();
    const bob = await h.shopper();
    const shoe = await h.catalog.createProduct();
    await h.call('POST', '/v1/cart/items', { token: alice.token, body: { productId: shoe.id, quantity: 2 } });

    expect((await h.cartOf(bob)).items).toEqual([]);
  });

  it("When another shopper changes, removes or clears, then the first shopper's cart is unchanged", async () => {
    const alice = await h.shopper();
    const bob = await h.shopper();
    const shoe = await h.catalog.createProduct();
    await h.call('POST', '/v1/cart/items', { token: alice.token, body: { productId: shoe.id, quantity: 2 } });
    const before = await h.cartOf(alice);

    const patched = await h.call('PATCH', `/v1/cart/items/${shoe.id}`, {
      token: bob.token,
      body: { quantity: 5 },
    });
    const removed = await h.call('DELETE', `/v1/cart/items/${shoe.id}`, { token: bob.token });
    const cleared = await h.call('DELETE', '/v1/cart', { token: bob.token });

    expect(patched.status).toBe(404);
    expect(removed.status).toBe(404);
    expect(cleared.status).toBe(204);
    expect(await h.cartOf(alice)).toEqual(before);
  });

  it("When another shopper adds the same product, then each cart holds only its owner's units", async () => {
    const alice = await h.shopper();
    const bob = await h.shopper();
    const shoe = await h.catalog.createProduct();

    await h.call('POST', '/v1/cart/items', { token: alice.token, body: { productId: shoe.id, quantity: 2 } });
    await h.call('POST', '/v1/cart/items', { token: bob.token, body: { productId: shoe.id, quantity: 7 } });

    expect((await h.cartOf(alice)).items[0]?.quantity).toBe(2);
    expect((await h.cartOf(bob)).items[0]?.quantity).toBe(7);
  });

  it('When nobody is signed in, then every cart operation answers 401', async () => {
    const shoe = await h.catalog.createProduct();
    const attempts = [
      h.call('GET', '/v1/cart'),
      h.call('DELETE', '/v1/cart'),
      h.call('POST', '/v1/cart/items', { body: { productId: shoe.id, quantity: 1 } }),
      h.call('PATCH', `/v1/cart/items/${shoe.id}`, { body: { quantity: 1 } }),
      h.call('DELETE', `/v1/cart/items/${shoe.id}`),
    ];

    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(401);
      expect(reply.contentType).toContain('application/problem+json');
    }
  });

  it('When a token is signed by an unknown key, then 401', async () => {
    const token = await h.issuer.foreignToken({ userId: (await h.shopper()).userId });

    expect((await h.call('GET', '/v1/cart', { token })).status).toBe(401);
  });
});
