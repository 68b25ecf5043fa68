import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, orderId, release, reserve, stockOf } from './support/factories.js';
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

describe('a reservation asked for again', () => {
  it('When the same id comes with the same items, then 200 with the stored reservation and no more stock is taken', async () => {
    const shoe = await createProduct(h, categoryId, { amount: 8999, stock: 6 });
    const sock = await createProduct(h, categoryId, { stock: 6 });
    const id = orderId();
    const lines = [
      { productId: shoe.id, quantity: 2 },
      { productId: sock.id, quantity: 1 },
    ];
    const first = await reserve(h, id, lines);
    // A price change after the reservation does not change what was reserved.
    await h.call('PATCH', `/v1/products/${shoe.id}`, {
      token: h.adminToken,
      body: { price: { amount: 9999, currency: 'EUR' } },
    });

    const again = await reserve(h, id, [...lines].reverse());

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.items[0]?.unitPrice.amount).toBe(8999);
    expect([await stockOf(h, shoe.id), await stockOf(h, sock.id)]).toEqual([4, 5]);
  });

  it('When the same id comes with other items, then 409 and no stock moves', async () => {
    const product = await createProduct(h, categoryId, { stock: 6 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]);

    const res = await reserve(h, id, [{ productId: product.id, quantity: 3 }]);

    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { field: 'body.reservationId', message: 'is already used for a reservation of other items' },
    ]);
    expect(await stockOf(h, product.id)).toBe(4);
  });

  it('When the same reservation arrives several times at once, then its stock is taken once', async () => {
    const product = await createProduct(h, categoryId, { stock: 6 });
    const id = orderId();

    const replies = await Promise.all(
      Array.from({ length: 5 }, () => reserve(h, id, [{ productId: product.id, quantity: 2 }])),
    );

    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await stockOf(h, product.id)).toBe(4);
  });
});

describe('releasing a reservation', () => {
  it('When a reservation is released twice, then 200 both times and its units come back once', async () => {
    const shoe = await createProduct(h, categoryId, { stock: 5 });
    const sock = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [
      { productId: shoe.id, quantity: 2 },
      { productId: sock.id, quantity: 5 },
    ]);

    const first = await release(h, id);
    const second = await release(h, id);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reservationId: id, status: 'released' });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect([await stockOf(h, shoe.id), await stockOf(h, sock.id)]).toEqual([5, 5]);
  });

  it('When releases of one reservation race, then its units come back once', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 3 }]);

    const replies = await Promise.all(Array.from({ length: 5 }, () => release(h, id)));

    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await stockOf(h, product.id)).toBe(5);
  });

  it('When a released reservation is asked for again, then it stays released and takes no stock', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 3 }]);
    await release(h, id);

    const again = await reserve(h, id, [{ productId: product.id, quantity: 3 }]);

    expect(again.status).toBe(200);
    expect(again.body.status).toBe('released');
    expect(await stockOf(h, product.id)).toBe(5);
  });

  it('When a reserved product was deleted meanwhile, then the release still succeeds and the other lines come back', async () => {
    const kept = await createProduct(h, categoryId, { stock: 5 });
    const gone = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [
      { productId: kept.id, quantity: 1 },
      { productId: gone.id, quantity: 1 },
    ]);
    await h.call('DELETE', `/v1/products/${gone.id}`, { token: h.adminToken });

    const res = await release(h, id);

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('released');
    expect(await stockOf(h, kept.id)).toBe(5);
  });

  it('When the reservation does not exist, then 404 problem+json', async () => {
    const res = await release(h, orderId());

    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
  });
});
