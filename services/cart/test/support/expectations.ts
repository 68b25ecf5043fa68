import { expect } from 'vitest';
import type { CartBody, CartHarness, Shopper } from './cart-service.js';
import { fieldsOf, type Problem } from './http.js';

/** A shopper whose cart already holds 2 units of a product (stock 5). */
export async function shopperWithTwo(
  h: CartHarness,
): Promise<{ shopper: Shopper; productId: string; before: CartBody }> {
  const shopper = await h.shopper();
  const product = await h.catalog.createProduct({ stock: 5 });
  await h.call('POST', '/v1/cart/items', {
    token: shopper.token,
    body: { productId: product.id, quantity: 2 },
  });
  return { shopper, productId: product.id, before: await h.cartOf(shopper) };
}

export function expectProblem(
  reply: { status: number; contentType: string; body: unknown },
  status: number,
  field: string,
) {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toContain('application/problem+json');
  expect((reply.body as Problem).status).toBe(status);
  expect(fieldsOf(reply.body)).toContain(field);
}
