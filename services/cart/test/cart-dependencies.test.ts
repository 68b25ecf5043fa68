import { unusedUrl } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { call } from './support/http.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('when a dependency fails', () => {
  it('When the catalog is down, then adding answers 503 while reading, lowering, removing and clearing work, and the service stays ready', async () => {
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
    const cart = await h.startCart({ CATALOG_URL: await unusedUrl() });
    const send = (method: string, path: string, body?: unknown) =>
      call(cart.url, method, path, { token: shopper.token, body });

    const add = await send('POST', '/v1/cart/items', { productId: shoe.id, quantity: 1 });
    expect(add.status).toBe(503);
    expect(add.contentType).toContain('application/problem+json');

    expect((await send('GET', '/v1/cart')).status).toBe(200);
    expect((await send('PATCH', `/v1/cart/items/${shoe.id}`, { quantity: 1 })).status).toBe(200);
    expect((await send('DELETE', `/v1/cart/items/${sock.id}`)).status).toBe(200);
    expect((await send('DELETE', '/v1/cart')).status).toBe(204);
    expect((await call(cart.url, 'GET', '/health/ready')).status).toBe(200);
  });

  it('When the cart table cannot be read, then the service reports not ready', async () => {
    const cart = await h.startCart({ CART_TABLE: 'shopeasy-local-no-such-table' });

    const ready = await call<{ checks: { name: string; status: string }[] }>(
      cart.url,
      'GET',
      '/health/ready',
    );

    expect(ready.status).toBe(503);
    expect(ready.body.checks).toContainEqual(
      expect.objectContaining({ name: 'cart-table', status: 'failing' }),
    );
  });
});
