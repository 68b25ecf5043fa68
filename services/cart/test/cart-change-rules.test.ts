import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCartHarness, type CartBody, type CartHarness } from './support/cart-service.js';
import { expectProblem, shopperWithTwo as withTwo } from './support/expectations.js';
import { call } from './support/http.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

const shopperWithTwo = () => withTwo(h);

describe('changing a quantity refused, cart unchanged', () => {
  it('When a quantity is raised above the stock, then 409 names body.quantity', async () => {
    const { shopper, productId, before } = await shopperWithTwo();

    const reply = await h.call('PATCH', `/v1/cart/items/${productId}`, {
      token: shopper.token,
      body: { quantity: 6 },
    });

    expectProblem(reply, 409, 'body.quantity');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When a quantity is set to 0 or 11, then 400 names body.quantity', async () => {
    const { shopper, productId, before } = await shopperWithTwo();

    for (const quantity of [0, 11]) {
      const reply = await h.call('PATCH', `/v1/cart/items/${productId}`, {
        token: shopper.token,
        body: { quantity },
      });
      expectProblem(reply, 400, 'body.quantity');
    }
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When a product that is no longer sold is raised, then 422 names path.productId; lowering still works', async () => {
    const { shopper, productId, before } = await shopperWithTwo();
    await h.catalog.updateProduct(productId, { active: false });

    const raised = await h.call('PATCH', `/v1/cart/items/${productId}`, {
      token: shopper.token,
      body: { quantity: 3 },
    });
    expectProblem(raised, 422, 'path.productId');
    expect(await h.cartOf(shopper)).toEqual(before);

    const lowered = await h.call<CartBody>('PATCH', `/v1/cart/items/${productId}`, {
      token: shopper.token,
      body: { quantity: 1 },
    });
    expect(lowered.status).toBe(200);
    expect(lowered.body.items[0]?.quantity).toBe(1);
  });

  it('When a product not in the cart is changed or removed, then 404', async () => {
    const { shopper, before } = await shopperWithTwo();
    const other = await h.catalog.createProduct();

    expect(
      (await h.call('PATCH', `/v1/cart/items/${other.id}`, { token: shopper.token, body: { quantity: 1 } }))
        .status,
    ).toBe(404);
    expect((await h.call('DELETE', `/v1/cart/items/${other.id}`, { token: shopper.token })).status).toBe(404);
    expect(await h.cartOf(shopper)).toEqual(before);
  });
});

describe('a lower per-line maximum (MAX_QUANTITY_PER_LINE)', () => {
  it('When a line is raised above a configured maximum of 3, then 422 names body.quantity', async () => {
    const cart = await h.startCart({ MAX_QUANTITY_PER_LINE: '3' });
    const shopper = await h.shopper();
    const shoe = await h.catalog.createProduct();
    await call(cart.url, 'POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });

    const raised = await call(cart.url, 'PATCH', `/v1/cart/items/${shoe.id}`, {
      token: shopper.token,
      body: { quantity: 4 },
    });
    const added = await call(cart.url, 'POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: shoe.id, quantity: 2 },
    });

    expectProblem(raised, 422, 'body.quantity');
    expectProblem(added, 422, 'body.quantity');
    expect((await h.cartOf(shopper)).items[0]?.quantity).toBe(2);
  });
});
