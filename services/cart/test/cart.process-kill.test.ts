import { fileURLToPath } from 'node:url';
import { killSpawned, spawnEntry } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEventsFor } from './support/cart-outbox.js';
import { startCartHarness, type CartBody, type CartHarness } from './support/cart-service.js';
import { call } from './support/http.js';

let h: CartHarness;

beforeAll(async () => {
  h = await startCartHarness();
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  await killSpawned();
  await h?.stop();
});

/** `src/main.ts` as its own process, as `npm start` runs it, with the harness's table, catalog and issuer. */
async function spawnCart(env: Record<string, string> = {}) {
  const settings = Object.fromEntries(
    Object.entries(h.config).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const spawned = spawnEntry(fileURLToPath(new URL('..', import.meta.url)), 'src/main.ts', {
    ...settings,
    PORT: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  const { url } = await spawned.logged('cart service listening');
  return { ...spawned, url: url! };
}

/** Units of the product in the cart, and in carts as the relay would count them from the outboxes. */
async function heldUnits(url: string, token: string, productId: string) {
  const cart = await call<CartBody>(url, 'GET', '/v1/cart', { token });
  const events = await outboxEventsFor(productId);
  return {
    inCart: cart.body.items.find((line) => line.productId === productId)?.quantity ?? 0,
    events: events.map((e) => [e.type, e.quantityDelta]),
    relayed: events.reduce((sum, e) => sum + e.quantityDelta, 0),
    distinctIds: new Set(events.map((e) => e.id)).size,
  };
}

describe('the cart process killed during an add', () => {
  it('When it is killed after the cart is written and before it answers, then the cart and its outbox agree and the relay counts each unit once', async () => {
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct({ stock: 5 });
    const first = await spawnCart({ FAULT_PAUSE_AFTER: 'cart-saved:15000' });
    const inFlight = call(first.url, 'POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    }).catch((error: unknown) => error);
    await first.logged('fault pause', 15_000);
    await first.kill();
    expect(await inFlight).toBeInstanceOf(Error);

    const second = await spawnCart();
    const afterKill = await heldUnits(second.url, shopper.token, shoe.id);
    // The shopper sees the two and changes the line to three.
    const changed = await call(second.url, 'PATCH', `/v1/cart/items/${shoe.id}`, {
      token: shopper.token,
      body: { quantity: 3 },
    });
    const afterChange = await heldUnits(second.url, shopper.token, shoe.id);
    await second.kill();

    expect(afterKill).toEqual({
      inCart: 2,
      events: [['cart.item.added', 2]],
      relayed: 2,
      distinctIds: 1,
    });
    expect(changed.status).toBe(200);
    expect(afterChange).toEqual({
      inCart: 3,
      events: [
        ['cart.item.added', 2],
        ['cart.item.changed', 1],
      ],
      relayed: 3,
      distinctIds: 2,
    });
  }, 60_000);
});
