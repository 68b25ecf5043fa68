import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCategory,
  createProduct,
  orderId,
  release,
  reserve,
  stockOf,
  type ApiReservation,
} from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let categoryId: string;

beforeAll(async () => {
  h = await startHarness();
  categoryId = await createCategory(h);
});

afterAll(async () => {
  await h?.stop();
});

const UNKNOWN_PRODUCT = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ';

describe('reserving stock for an order', () => {
  it('When every line has enough stock, then 201 with each name and price, and each stock goes down', async () => {
    const shoe = await createProduct(h, categoryId, { name: 'Trail Shoe', amount: 8999, stock: 5 });
    const sock = await createProduct(h, categoryId, { name: 'Wool Sock', amount: 1299, stock: 3 });
    const id = orderId();

    const res = await reserve(h, id, [
      { productId: shoe.id, quantity: 2 },
      { productId: sock.id, quantity: 3 },
    ]);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reservationId: id,
      status: 'reserved',
      items: [
        { productId: shoe.id, name: 'Trail Shoe', quantity: 2, unitPrice: { amount: 8999, currency: 'EUR' } },
        { productId: sock.id, name: 'Wool Sock', quantity: 3, unitPrice: { amount: 1299, currency: 'EUR' } },
      ],
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    expect([await stockOf(h, shoe.id), await stockOf(h, sock.id)]).toEqual([3, 0]);
  });

  it('When one of two lines is short, then 409 out-of-stock names that line and nothing is reserved', async () => {
    const plenty = await createProduct(h, categoryId, { stock: 10 });
    const scarce = await createProduct(h, categoryId, { stock: 1 });
    const id = orderId();

    const res = await reserve(h, id, [
      { productId: plenty.id, quantity: 4 },
      { productId: scarce.id, quantity: 2 },
    ]);

    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.type).toBe('https://shopeasy.example/problems/out-of-stock');
    expect(res.body.errors).toEqual([{ field: 'body.items.1.quantity', message: 'only 1 left in stock' }]);
    expect([await stockOf(h, plenty.id), await stockOf(h, scarce.id)]).toEqual([10, 1]);
    // The id was not used up: nothing to release, and it can reserve what is there.
    expect((await release(h, id)).status).toBe(404);
    expect((await reserve(h, id, [{ productId: scarce.id, quantity: 1 }])).status).toBe(201);
  });

  it('When every line is short, then 409 lists each of them', async () => {
    const a = await createProduct(h, categoryId, { stock: 0 });
    const b = await createProduct(h, categoryId, { stock: 2 });

    const res = await reserve(h, orderId(), [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 3 },
    ]);

    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { field: 'body.items.0.quantity', message: 'only 0 left in stock' },
      { field: 'body.items.1.quantity', message: 'only 2 left in stock' },
    ]);
  });

  it('When a product does not exist, then 404 names its line and the other lines keep their stock', async () => {
    const real = await createProduct(h, categoryId, { stock: 4 });

    const res = await reserve(h, orderId(), [
      { productId: real.id, quantity: 1 },
      { productId: UNKNOWN_PRODUCT, quantity: 1 },
    ]);

    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ field: 'body.items.1.productId', message: 'does not exist' }]);
    expect(await stockOf(h, real.id)).toBe(4);
  });

  it('When a product is deleted, then reserving it is 404', async () => {
    const gone = await createProduct(h, categoryId, { stock: 4 });
    await h.call('DELETE', `/v1/products/${gone.id}`, { token: h.adminToken });

    expect((await reserve(h, orderId(), [{ productId: gone.id, quantity: 1 }])).status).toBe(404);
  });

  it('When a product is inactive, then 409 and its stock is untouched', async () => {
    const hidden = await createProduct(h, categoryId, { stock: 4 });
    await h.call('PATCH', `/v1/products/${hidden.id}`, { token: h.adminToken, body: { active: false } });

    const res = await reserve(h, orderId(), [{ productId: hidden.id, quantity: 1 }]);

    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ field: 'body.items.0.productId', message: 'is not for sale' }]);
    expect((await h.repository.getProduct(hidden.id))?.stock).toBe(4);
  });

  it('When the same product is on two lines, then 400 names the second one and nothing is reserved', async () => {
    const product = await createProduct(h, categoryId, { stock: 4 });

    const res = await reserve(h, orderId(), [
      { productId: product.id, quantity: 1 },
      { productId: product.id, quantity: 2 },
    ]);

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'body.items.1.productId', message: 'is listed twice; put all units on one line' },
    ]);
    expect(await stockOf(h, product.id)).toBe(4);
  });
});

describe('who may reserve', () => {
  it('When the internal key is missing or wrong, then 401 and no stock moves', async () => {
    const product = await createProduct(h, categoryId, { stock: 4 });
    const body = { reservationId: orderId(), items: [{ productId: product.id, quantity: 1 }] };

    const missing = await h.call('POST', '/internal/v1/stock-reservations', { body });
    const wrong = await h.call('POST', '/internal/v1/stock-reservations', {
      body,
      headers: { 'x-internal-key': 'not-the-internal-key-at-all' },
    });
    const customer = await h.call('POST', '/internal/v1/stock-reservations', {
      body,
      token: h.customerToken,
    });

    expect([missing.status, wrong.status, customer.status]).toEqual([401, 401, 401]);
    expect(missing.contentType).toContain('application/problem+json');
    expect(await stockOf(h, product.id)).toBe(4);
  });

  it('When a release comes without the internal key, then 401 and the reservation stays reserved', async () => {
    const product = await createProduct(h, categoryId, { stock: 4 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 1 }]);

    const res = await h.call('POST', `/internal/v1/stock-reservations/${id}/release`);

    expect(res.status).toBe(401);
    expect(await stockOf(h, product.id)).toBe(3);
    const replay = await reserve(h, id, [{ productId: product.id, quantity: 1 }]);
    expect((replay.body as ApiReservation).status).toBe('reserved');
  });
});
