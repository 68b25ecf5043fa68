import { newId } from '@shopeasy/service-kit/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalog } from './support/catalog.js';
import { startCartHarness, type CartHarness } from './support/cart-service.js';
import { expectProblem, shopperWithTwo as withTwo } from './support/expectations.js';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(async () => {
  await h?.stop();
});

const shopperWithTwo = () => withTwo(h);

describe('adding refused, cart unchanged', () => {
  it.each([
    ['quantity 0', 0],
    ['quantity 11', 11],
    ['a fractional quantity', 1.5],
  ])('When a shopper adds %s, then 400 names body.quantity', async (_label, quantity) => {
    const { shopper, productId, before } = await shopperWithTwo();

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId, quantity },
    });

    expectProblem(reply, 400, 'body.quantity');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When the line would pass 10 units, then 422 names body.quantity', async () => {
    const shopper = await h.shopper();
    const product = await h.catalog.createProduct({ stock: 100 });
    await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: product.id, quantity: 8 },
    });
    const before = await h.cartOf(shopper);

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: product.id, quantity: 3 },
    });

    expectProblem(reply, 422, 'body.quantity');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When more units are asked than in stock, then 409 out-of-stock names body.quantity', async () => {
    const { shopper, productId, before } = await shopperWithTwo();

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId, quantity: 4 },
    });

    expectProblem(reply, 409, 'body.quantity');
    expect(reply.body.type).toBe('https://shopeasy.example/problems/out-of-stock');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When the product does not exist, then 422 names body.productId', async () => {
    const { shopper, before } = await shopperWithTwo();

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: newId('prd'), quantity: 1 },
    });

    expectProblem(reply, 422, 'body.productId');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When the product is inactive, then 422 names body.productId', async () => {
    const { shopper, before } = await shopperWithTwo();
    const retired = await h.catalog.createProduct();
    await h.catalog.updateProduct(retired.id, { active: false });

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: retired.id, quantity: 1 },
    });

    expectProblem(reply, 422, 'body.productId');
    expect(await h.cartOf(shopper)).toEqual(before);
  });

  it('When the product id is malformed, then 400 names body.productId', async () => {
    const { shopper, before } = await shopperWithTwo();

    const reply = await h.call('POST', '/v1/cart/items', {
      token: shopper.token,
      body: { productId: 'shoe', quantity: 1 },
    });

    expectProblem(reply, 400, 'body.productId');
    expect(await h.cartOf(shopper)).toEqual(before);
  });
});

describe('one currency per cart', () => {
  it('When a product priced in another currency is added, then 422 names body.productId', async () => {
    const { shopper, before } = await shopperWithTwo();
    // A second catalog on the same table that prices in USD; the cart's catalog serves its products too.
    const dollarCatalog = await startCatalog(h.issuer, 'USD');
    try {
      const dollars = await dollarCatalog.createProduct({ amount: 1999 });

      const reply = await h.call('POST', '/v1/cart/items', {
        token: shopper.token,
        body: { productId: dollars.id, quantity: 1 },
      });

      expectProblem(reply, 422, 'body.productId');
      expect(await h.cartOf(shopper)).toEqual(before);
    } finally {
      await dollarCatalog.stop();
    }
  });
});
