import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, orderId, release, reserve, stockOf } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';
import { createTestStream, readStream } from './support/stream.js';

let h: Harness;
let stream: Awaited<ReturnType<typeof createTestStream>>;
let categoryId: string;

beforeAll(async () => {
  stream = await createTestStream();
  h = await startHarness({ INVENTORY_STREAM: stream.name });
  categoryId = await createCategory(h);
});

afterAll(async () => {
  await h?.stop();
  await stream?.drop();
});

const eventsOf = async (productId: string) =>
  (await readStream(stream.name))
    .filter((event) => event.productId === productId)
    .map(({ type, quantityDelta, ...rest }) => ({
      type,
      quantityDelta,
      stock: 'stock' in rest ? rest.stock : undefined,
      reservationId: 'reservationId' in rest ? rest.reservationId : undefined,
    }));

describe('stock events on the inventory stream', () => {
  it('When a product is created, restocked, reserved and released, then each committed change is on the stream with the resulting stock', async () => {
    const product = await createProduct(h, categoryId, { stock: 5 });
    await h.call('PUT', `/v1/products/${product.id}/stock`, { token: h.adminToken, body: { stock: 8 } });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 3 }]);
    await release(h, id);

    expect(await eventsOf(product.id)).toEqual([
      { type: 'stock.set', quantityDelta: 5, stock: 5, reservationId: undefined },
      { type: 'stock.set', quantityDelta: 3, stock: 8, reservationId: undefined },
      { type: 'stock.reserved', quantityDelta: -3, stock: 5, reservationId: id },
      { type: 'stock.released', quantityDelta: 3, stock: 8, reservationId: id },
    ]);
    const events = (await readStream(stream.name)).filter((e) => e.productId === product.id);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
    for (const event of events) expect(Date.parse(event.occurredAt)).not.toBeNaN();
  });

  it('When a reservation is refused, replayed or released again, then no stock event is published for it', async () => {
    const product = await createProduct(h, categoryId, { stock: 2 });
    const id = orderId();
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]);
    await reserve(h, id, [{ productId: product.id, quantity: 2 }]); // replay
    await reserve(h, orderId(), [{ productId: product.id, quantity: 1 }]); // 409
    await release(h, id);
    await release(h, id); // already released

    expect((await eventsOf(product.id)).map((e) => e.type)).toEqual([
      'stock.set',
      'stock.reserved',
      'stock.released',
    ]);
  });

  it('When one reservation covers two products, then each product gets its own event', async () => {
    const a = await createProduct(h, categoryId, { stock: 3 });
    const b = await createProduct(h, categoryId, { stock: 4 });
    const id = orderId();

    await reserve(h, id, [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 4 },
    ]);

    expect((await eventsOf(a.id)).at(-1)).toEqual({
      type: 'stock.reserved',
      quantityDelta: -1,
      stock: 2,
      reservationId: id,
    });
    expect((await eventsOf(b.id)).at(-1)).toEqual({
      type: 'stock.reserved',
      quantityDelta: -4,
      stock: 0,
      reservationId: id,
    });
  });
});

describe('when the stream cannot be written', () => {
  it('When the stream does not exist, then stock changes still succeed: the table is the truth', async () => {
    const broken = await startHarness({ INVENTORY_STREAM: 'no-such-inventory-stream' });
    try {
      const product = await createProduct(broken, categoryId, { stock: 5 });
      const restock = await broken.call('PUT', `/v1/products/${product.id}/stock`, {
        token: broken.adminToken,
        body: { stock: 7 },
      });
      const reserved = await reserve(broken, orderId(), [{ productId: product.id, quantity: 2 }]);

      expect(restock.status).toBe(200);
      expect(reserved.status).toBe(201);
      expect(await stockOf(broken, product.id)).toBe(5);
    } finally {
      await broken.stop();
    }
  });
});
