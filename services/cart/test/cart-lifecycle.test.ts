import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartBody, type CartHarness } from './support/cart-service.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('a shopper filling and emptying a cart', () => {
  it('When a shopper who never added anything opens the cart, then it is empty with a zero total', async () => {
    const shopper = await h.shopper();

    const cart = await h.cartOf(shopper);

    expect(cart.items).toEqual([]);
    expect(cart.total).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('When a shopper adds, changes, removes and clears, then each answer shows the cart with totals in minor units', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ name: 'Trail Running Shoe', amount: 8999 });
    const sock = await h.catalog.createProduct({ name: 'Merino Sock', amount: 1250 });

    const added = await h.call<CartBody>('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });
    expect(added.status).toBe(200);
    expect(added.body.items).toEqual([
      {
        productId: shoe.id,
        name: 'Trail Running Shoe',
        quantity: 2,
        unitPrice: { amount: 8999, currency: 'EUR' },
        lineTotal: { amount: 17998, currency: 'EUR' },
      },
    ]);
    expect(added.body.total).toEqual({ amount: 17998, currency: 'EUR' });

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: sock.id, quantity: 3 },
    });
    const both = await h.cartOf(shopper);
    expect(both.items.map((i) => [i.productId, i.quantity, i.lineTotal.amount])).toEqual([
      [shoe.id, 2, 17998],
      [sock.id, 3, 3750],
    ]);
    expect(both.total).toEqual({ amount: 21748, currency: 'EUR' });

    const changed = await h.call<CartBody>('PATCH', `/v1/cart/items/${shoe.id}`, {
      token: shopper.token,
      body: { quantity: 5 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.items[0]).toMatchObject({
      quantity: 5,
      lineTotal: { amount: 44995, currency: 'EUR' },
    });
    expect(changed.body.total.amount).toBe(44995 + 3750);

    const lowered = await h.call<CartBody>('PATCH', `/v1/cart/items/${shoe.id}`, {
      token: shopper.token,
      body: { quantity: 1 },
    });
    expect(lowered.body.total.amount).toBe(8999 + 3750);

    const removed = await h.call<CartBody>('DELETE', `/v1/cart/items/${sock.id}`, { token: shopper.token });
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i) => i.productId)).toEqual([shoe.id]);
    expect(removed.body.total).toEqual({ amount: 8999, currency: 'EUR' });

    const cleared = await h.call('DELETE', '/v1/cart', { token: shopper.token });
    expect(cleared.status).toBe(204);
    expect(await h.cartOf(shopper)).toMatchObject({ items: [], total: { amount: 0, currency: 'EUR' } });
  });

  it('When the same product is added twice, then its line holds the sum of both quantities', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ amount: 4000 });

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });
    const again = await h.call<CartBody>('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 3 },
    });

    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0]).toMatchObject({ quantity: 5, lineTotal: { amount: 20000 } });
  });

  it('When the catalog price and name change after adding, then the line keeps its snapshot, also after a quantity change', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ name: 'Old Name', amount: 5000 });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });

    await h.catalog.updateProduct(shoe.id, { name: 'New Name', price: { amount: 7000, currency: 'EUR' } });
    await h.call('PATCH', `/v1/cart/items/${shoe.id}`, { token: shopper.token, body: { quantity: 2 } });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });

    const cart = await h.cartOf(shopper);
    expect(cart.items[0]).toMatchObject({
      name: 'Old Name',
      quantity: 3,
      unitPrice: { amount: 5000 },
      lineTotal: { amount: 15000 },
    });
  });

  it('When an empty cart is cleared, then it answers 204 again (idempotent)', async () => {
    const shopper = await h.shopper();

    expect((await h.call('DELETE', '/v1/cart', { token: shopper.token })).status).toBe(204);
    expect((await h.call('DELETE', '/v1/cart', { token: shopper.token })).status).toBe(204);
  });
});
