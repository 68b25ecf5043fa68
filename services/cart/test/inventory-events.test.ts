import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEventsFor } from './support/cart-outbox.js';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { storedCart } from './support/cart-table.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe("inventory events in the cart's outbox (relayed to Kinesis by functions/cart-events)", () => {
  it('When a shopper adds, changes and removes a product, then each write carries one event for its change, with its delta', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 1 },
    });
    await h.call('PATCH', `/v1/cart/items/${shoe.id}`, { token: shopper.token, body: { quantity: 5 } });
    await h.call('PATCH', `/v1/cart/items/${shoe.id}`, { token: shopper.token, body: { quantity: 4 } });
    await h.call('DELETE', `/v1/cart/items/${shoe.id}`, { token: shopper.token });

    const events = await outboxEventsFor(shoe.id);
    expect(events.map((e) => [e.type, e.quantityDelta])).toEqual([
      ['cart.item.added', 2],
      ['cart.item.added', 1],
      ['cart.item.changed', 2],
      ['cart.item.changed', -1],
      ['cart.item.removed', -4],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ productId: shoe.id, userId: shopper.userId });
      expect(Date.parse(event.occurredAt)).not.toBeNaN();
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('When a cart changes, then the events of that write are in the cart item itself, written with its lines', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 3 },
    });

    const item = await storedCart(shopper.userId);
    expect(item?.lines).toEqual([expect.objectContaining({ productId: shoe.id, quantity: 3 })]);
    expect(item?.outbox).toMatchObject({
      occurredAt: item?.updatedAt,
      events: [
        { type: 'cart.item.added', productId: shoe.id, quantityDelta: 3, id: expect.stringMatching(/^evt_/) },
      ],
    });
  });

  it('When a cart is cleared, then its write carries one removed event per line', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();
    const sock = await h.catalog.createProduct();
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 3 },
    });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: sock.id, quantity: 1 },
    });

    await h.call('DELETE', '/v1/cart', { token: shopper.token });

    const removed = async (productId: string) =>
      (await outboxEventsFor(productId))
        .filter((e) => e.type === 'cart.item.removed')
        .map((e) => e.quantityDelta);
    expect(await removed(shoe.id)).toEqual([-3]);
    expect(await removed(sock.id)).toEqual([-1]);
  });

  it('When a request is refused or changes nothing, then no event is written', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ stock: 3 });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });

    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    }); // 409
    await h.call('PATCH', `/v1/cart/items/${shoe.id}`, { token: shopper.token, body: { quantity: 2 } }); // same quantity

    expect((await outboxEventsFor(shoe.id)).map((e) => e.type)).toEqual(['cart.item.added']);
  });
});
