import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirm,
  createCategory,
  createProduct,
  orderId,
  release,
  reserve,
  stockOf,
} from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { OPEN_RESERVATION_SHARDS, openReservationShard } from '../src/data-access/keys.js';

// Holds of 0 s: every reservation has expired by the time a test asks for a sweep.
let h: Harness;
let categoryId: string;

beforeAll(async () => {
  h = await startHarness({ RESERVATION_TTL_SECONDS: '0' });
  categoryId = await createCategory(h);
});

afterAll(async () => {
  await h?.stop();
});

describe('reservations nobody confirms', () => {
  it('When a reservation is not confirmed within its TTL, then a sweep releases it and its units come back once', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    expect((await reserve(h, id, [{ productId: product.id, quantity: 3 }])).status).toBe(201);
    expect(await stockOf(h, product.id)).toBe(2);

    await h.sweepReservations();
    const afterFirst = await stockOf(h, product.id);
    await h.sweepReservations();

    expect(afterFirst).toBe(5);
    expect(await stockOf(h, product.id)).toBe(5);
    const again = await release(h, id);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('released');
    expect(await stockOf(h, product.id)).toBe(5);
  });

  it('When a reservation is confirmed, then a sweep never releases it', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]);

    const confirmed = await confirm(h, id);
    await h.sweepReservations();

    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(await stockOf(h, product.id)).toBe(3);
    expect((await confirm(h, id)).body.status).toBe('confirmed');
  });

  it('When a confirmed reservation is released by its order, then its units come back once', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]);
    await confirm(h, id);

    const first = await release(h, id);
    await release(h, id);
    await h.sweepReservations();

    expect(first.status).toBe(200);
    expect(first.body.status).toBe('released');
    expect(await stockOf(h, product.id)).toBe(5);
  });
});

describe('open reservations spread over shards', () => {
  it('When a hold has expired in every shard of the open-reservations index, then one sweep releases them all', async () => {
    // One order id per shard: the sweep has to read each of them.
    const byShard = new Map<number, string>();
    while (byShard.size < OPEN_RESERVATION_SHARDS) {
      const id = orderId();
      byShard.set(openReservationShard(id), id);
    }
    const product = await createProduct(h, categoryId, { stock: OPEN_RESERVATION_SHARDS });
    for (const id of byShard.values()) {
      expect((await reserve(h, id, [{ productId: product.id, quantity: 1 }])).status).toBe(201);
    }

    await h.sweepReservations();

    // Read from the table: a kept public answer may still show the level before the sweep.
    expect((await h.repository.getProduct(product.id))?.stock).toBe(OPEN_RESERVATION_SHARDS);
    for (const id of byShard.values()) {
      expect((await h.repository.getReservation(id))?.status).toBe('released');
    }
  });

  it('When more holds have expired than a pass takes, then it takes the oldest, across shards', async () => {
    const product = await createProduct(h, categoryId, { stock: 6 });
    const ids = Array.from({ length: 6 }, orderId);
    for (const id of ids) await reserve(h, id, [{ productId: product.id, quantity: 1 }]);
    const holds = await Promise.all(
      ids.map(async (id) => `${(await h.repository.getReservation(id))?.expiresAt}#${id}`),
    );
    const oldest = holds
      .sort()
      .slice(0, 4)
      .map((hold) => hold.slice(hold.indexOf('#') + 1));

    const taken = await h.repository.listExpiredReservations(new Date().toISOString(), 4);
    await h.sweepReservations();

    expect(new Set(ids.map(openReservationShard)).size).toBeGreaterThan(1);
    expect(taken).toEqual(oldest);
  });
});

describe('confirming a reservation', () => {
  it('When a reservation is confirmed twice, then both answer the confirmed reservation and no stock moves', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    const reserved = await reserve(h, id, [{ productId: product.id, quantity: 2 }]);

    const first = await confirm(h, id);
    const second = await confirm(h, id);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(first.body).toEqual({ ...reserved.body, status: 'confirmed' });
    expect(await stockOf(h, product.id)).toBe(3);
  });

  it('When a reservation is confirmed after a sweep released it, then 409 and its units stay in stock', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]);
    await h.sweepReservations();

    const res = await confirm(h, id);

    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.detail).toBe(`Reservation ${id} was released and cannot be confirmed.`);
    expect(await stockOf(h, product.id)).toBe(5);
  });

  it('When an unknown reservation is confirmed, then 404', async () => {
    const res = await confirm(h, orderId());

    expect(res.status).toBe(404);
  });
});
