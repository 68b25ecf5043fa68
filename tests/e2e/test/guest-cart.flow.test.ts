import * as api from '@shopeasy/api-client';
import { eventually } from '@shopeasy/service-kit/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productInStock, STACK_WAIT } from './support/catalog.js';
import { admin, clients, failure, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl, env } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

/** The cart API as a storefront without a signed-in shopper calls it: the guest token in X-Cart-Token. */
const guestCart = (cartToken: string) =>
  new api.CartApi(new api.Configuration({ basePath: gatewayUrl, apiKey: async () => cartToken }));

describe('guest carts through the gateway', () => {
  it('When a guest fills a cart and two merges of it arrive at once at sign-in, then it is merged once and its units are counted once', async () => {
    const product = await productInStock(adminApi, 20, 1500);
    const { cartToken } = await clients(gatewayUrl).cart.createGuestCart();
    await guestCart(cartToken).addCartItem({ addCartItemRequest: { productId: product.id, quantity: 3 } });
    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });

    const merges = await Promise.allSettled([
      shopper.api.cart.mergeGuestCart({ mergeCartRequest: { cartToken } }),
      shopper.api.cart.mergeGuestCart({ mergeCartRequest: { cartToken } }),
    ]);

    expect(merges.filter((m) => m.status === 'fulfilled')).toHaveLength(1);
    const lost = merges.find((m) => m.status === 'rejected');
    expect((await failure(Promise.reject(lost?.reason))).status).toBe(404);
    expect((await shopper.api.cart.getCart()).items.map((i) => i.quantity)).toEqual([4]);
    expect((await failure(guestCart(cartToken).getCart())).status).toBe(404);
    const checkout = await fetch(`${gatewayUrl}/v1/orders`, {
      method: 'POST',
      headers: { 'x-cart-token': cartToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(checkout.status).toBe(401);
    await eventually(async () => {
      const page = await clients(gatewayUrl).products.getProduct({ productId: product.id });
      expect(page.availability?.inCarts).toBe(4);
    }, STACK_WAIT);
  });
});
