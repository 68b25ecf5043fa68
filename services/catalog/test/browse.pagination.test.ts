import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allPages,
  createCategory,
  createProduct,
  ids,
  type ApiPage,
  type ApiProduct,
} from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let categoryId: string;
const created: ApiProduct[] = [];
// Equal prices and equal ratings on purpose: ties must still page without repeats or gaps.
const PRICES = [1500, 999, 2500, 999, 1500, 4200, 999, 1500];
const RATINGS = [
  { average: 4.5, count: 10 },
  { average: 4.5, count: 10 },
  { average: 3, count: 2 },
  { average: 5, count: 1 },
  { average: 4.5, count: 30 },
];

beforeAll(async () => {
  h = await startHarness();
  categoryId = await createCategory(h);
  for (let i = 0; i < 25; i++) {
    created.push(
      await createProduct(h, categoryId, { amount: PRICES[i % PRICES.length], name: `Paging item ${i}` }),
    );
  }
  for (const [i, rating] of RATINGS.entries()) {
    expect(await h.repository.setRatingSummary(created[i * 3]!.id, rating)).toBe(true);
  }
});

afterAll(async () => {
  await h?.stop();
});

const flat = (pages: ApiPage<ApiProduct>[]) => pages.flatMap((p) => p.items);
const ratingOf = (p: ApiProduct) => p.rating.average * 1e6 + p.rating.count;

function expectPaged(pages: ApiPage<ApiProduct>[]) {
  expect(pages.map((p) => p.items.length)).toEqual([7, 7, 7, 4]);
  expect(pages.at(-1)?.nextCursor).toBeUndefined();
  const seen = ids(flat(pages));
  expect(new Set(seen).size).toBe(25);
  expect([...seen].sort()).toEqual(ids(created).sort());
}

describe('browsing the products of a category page by page', () => {
  it('When following nextCursor by price ascending, then every product appears once, cheapest first', async () => {
    const pages = await allPages(h, `/v1/categories/${categoryId}/products?sort=price_asc&limit=7`);
    expectPaged(pages);
    const prices = flat(pages).map((p) => p.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('When following nextCursor by price descending, then every product appears once, dearest first', async () => {
    const pages = await allPages(h, `/v1/categories/${categoryId}/products?sort=price_desc&limit=7`);
    expectPaged(pages);
    const prices = flat(pages).map((p) => p.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it('When following nextCursor by newest, then every product appears once, newest first', async () => {
    const pages = await allPages(h, `/v1/categories/${categoryId}/products?sort=newest&limit=7`);
    expectPaged(pages);
    const times = flat(pages).map((p) => Date.parse(p.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(flat(pages)[0]?.id).toBe(created.at(-1)?.id);
  });

  it('When no sort is given, then the order is newest first', async () => {
    const pages = await allPages(h, `/v1/categories/${categoryId}/products?limit=7`);
    const newest = await allPages(h, `/v1/categories/${categoryId}/products?sort=newest&limit=7`);
    expect(ids(flat(pages))).toEqual(ids(flat(newest)));
  });

  it('When following nextCursor by rating, then every product appears once, best rated first, more ratings first on ties', async () => {
    const pages = await allPages(h, `/v1/categories/${categoryId}/products?sort=rating&limit=7`);
    expectPaged(pages);
    const products = flat(pages);
    const scores = products.map(ratingOf);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(products.slice(0, 4).map((p) => p.rating)).toEqual([
      { average: 5, count: 1 },
      { average: 4.5, count: 30 },
      { average: 4.5, count: 10 },
      { average: 4.5, count: 10 },
    ]);
  });

  it('When the same listing is read twice, then equal prices keep the same order', async () => {
    const first = await allPages(h, `/v1/categories/${categoryId}/products?sort=price_asc&limit=7`);
    const second = await allPages(h, `/v1/categories/${categoryId}/products?sort=price_asc&limit=25`);
    expect(ids(flat(second))).toEqual(ids(flat(first)));
    expect(second[0]?.nextCursor).toBeUndefined();
  });

  it('When the category is listed among all categories, then it appears with its name', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await h.call<ApiPage<{ id: string; name: string }>>(
        'GET',
        `/v1/categories?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      names.push(...res.body.items.map((c) => c.name));
      if (res.body.items.some((c) => c.id === categoryId)) break;
      cursor = res.body.nextCursor;
    } while (cursor);
    const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(names).toEqual(sorted);
    expect(new Set(names).size).toBe(names.length);
  });
});
