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

describe('overselling', () => {
  it('When 50 orders reserve 1 unit each of a product with 10 in stock, then exactly 10 succeed, 40 get a clean 409, and stock ends at 0', async () => {
    const product = await createProduct(h, categoryId, { stock: 10 });
    const ids = Array.from({ length: 50 }, orderId);
    // Shoppers keep looking at the product while the orders race: they never see less than 0.
    const seen: number[] = [];
    let racing = true;
    const watcher = (async () => {
      while (racing) seen.push(await stockOf(h, product.id));
    })();

    const replies = await Promise.all(
      ids.map((id) => reserve(h, id, [{ productId: product.id, quantity: 1 }])),
    );
    racing = false;
    await watcher;

    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const refused of replies.filter((r) => r.status === 409)) {
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([
        { field: 'body.items.0.quantity', message: 'only 0 left in stock' },
      ]);
    }
    expect(await stockOf(h, product.id)).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);

    // Exactly the ten winners hold stock: releasing them all brings back the ten units.
    const winners = ids.filter((_, i) => replies[i]!.status === 201);
    const losers = ids.filter((_, i) => replies[i]!.status === 409);
    expect((await Promise.all(winners.map((id) => release(h, id)))).map((r) => r.status)).toEqual(
      winners.map(() => 200),
    );
    expect((await release(h, losers[0]!)).status).toBe(404);
    expect(await stockOf(h, product.id)).toBe(10);
  });

  it('When two buyers reserve the last unit at once, then it is sold once and the other gets a 409', async () => {
    const product = await createProduct(h, categoryId, { stock: 1 });
    const [first, second] = [orderId(), orderId()];

    const replies = await Promise.all(
      [first, second].map((id) => reserve(h, id, [{ productId: product.id, quantity: 1 }])),
    );

    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await h.repository.getProduct(product.id))?.stock).toBe(0);
  });
});
