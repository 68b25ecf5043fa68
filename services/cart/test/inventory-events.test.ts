import { CART_KEY_SPREAD } from '@shopeasy/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { inventoryEventsByShard, inventoryEventsFor } from './support/inventory-stream.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('inventory events on the Kinesis stream', () => {
  it('When a shopper adds, changes and removes a product, then one event per change is on the stream with its delta', async () => {
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

    const events = await inventoryEventsFor(shoe.id);
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

  it("When many shoppers add one product, then its events spread over a few shard keys and each shopper's stay on one", async () => {
    const shoe = await h.catalog.createProduct();
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => h.shopper()));
    for (const shopper of shoppers) {
      await h.call('POST', '/v1/cart/items', {
        token: shopper.token,
        body: { productId: shoe.id, quantity: 1 },
      });
      await h.call('DELETE', `/v1/cart/items/${shoe.id}`, { token: shopper.token });
    }

    const events = [...(await inventoryEventsByShard(shoe.id)).values()].flat();
    const keys = new Set(events.map((e) => e.partitionKey));
    // 12 shoppers over 4 keys: all in one has odds of 4 in 16.7 million.
    expect(keys.size).toBeGreaterThan(1);
    expect(keys.size).toBeLessThanOrEqual(CART_KEY_SPREAD);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${shoe.id}#[0-3]$`));
    for (const shopper of shoppers) {
      const own = events.filter((e) => 'userId' in e && e.userId === shopper.userId);
      expect(new Set(own.map((e) => `${e.shardId} ${e.partitionKey}`)).size).toBe(1);
      expect(own.map((e) => e.type)).toEqual(['cart.item.added', 'cart.item.removed']);
    }
  });

  it('When a cart is cleared, then one removed event per line is on the stream', async () => {
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
      (await inventoryEventsFor(productId))
        .filter((e) => e.type === 'cart.item.removed')
        .map((e) => e.quantityDelta);
    expect(await removed(shoe.id)).toEqual([-3]);
    expect(await removed(sock.id)).toEqual([-1]);
  });

  it('When a request is refused or changes nothing, then no event is published', async () => {
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

    expect((await inventoryEventsFor(shoe.id)).map((e) => e.type)).toEqual(['cart.item.added']);
  });
});
