import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, createCategory, createProduct, ids, type ApiProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
// Words no other test uses, so search results contain only this file's products.
const tag = `zeb${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const other = `yak${randomUUID().replace(/-/g, '').slice(0, 10)}`;
let shoes: string;
let hats: string;
let trailShoe: ApiProduct;
let roadShoe: ApiProduct;
let trailHat: ApiProduct;
let otherShoe: ApiProduct;

beforeAll(async () => {
  h = await startHarness();
  shoes = await createCategory(h);
  hats = await createCategory(h);
  trailShoe = await createProduct(h, shoes, {
    name: `${tag} Trail Running Shoes`,
    description: 'Lightweight shoe with a grippy outsole for muddy trails.',
    amount: 8999,
  });
  roadShoe = await createProduct(h, shoes, {
    name: `${tag} Road Runner`,
    description: 'Cushioned running shoe for long distances on tarmac.',
    amount: 12999,
  });
  trailHat = await createProduct(h, hats, {
    name: `${tag} Trail Cap`,
    description: 'Breathable cap for summer trail runs.',
    amount: 2499,
  });
  otherShoe = await createProduct(h, shoes, {
    name: `${other} Trail Shoe`,
    description: 'Not part of the tag.',
    amount: 5000,
  });
});

afterAll(async () => {
  await h?.stop();
});

async function search(query: string): Promise<ApiProduct[]> {
  const pages = await allPages(h, `/v1/products?${query}&limit=2`);
  return pages.flatMap((p) => p.items);
}

describe('searching products', () => {
  it('When searching several words, then only products with all of them are found, in the asked order', async () => {
    const found = await search(`q=${tag}+trail&sort=price_asc`);
    expect(ids(found)).toEqual([trailHat.id, trailShoe.id]);
  });

  it('When a word is in the description only, then the product is found', async () => {
    expect(ids(await search(`q=${tag}+tarmac`))).toEqual([roadShoe.id]);
  });

  it('When the last word is unfinished, then it matches as the start of a word', async () => {
    const found = await search(`q=${tag}+SHO&sort=price_desc`);
    expect(ids(found)).toEqual([roadShoe.id, trailShoe.id]);
    expect(ids(await search(`q=${tag.slice(0, 8)}&categoryId=${hats}`))).toEqual([trailHat.id]);
  });

  it('When case, accents and plurals differ, then the words still match', async () => {
    expect(ids(await search(`q=${tag.toUpperCase()}+Tráils+cáp`))).toEqual([trailHat.id]);
  });

  it('When a word matches nothing, then the result is empty without a cursor', async () => {
    const res = await h.call('GET', `/v1/products?q=${tag}+submarine+x`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('When searching within a category and a price range, then only matching products are found', async () => {
    expect(ids(await search(`q=${tag}&categoryId=${shoes}&sort=price_asc`))).toEqual([
      trailShoe.id,
      roadShoe.id,
    ]);
    expect(ids(await search(`q=${tag}&minPrice=2499&maxPrice=8999&sort=price_asc`))).toEqual([
      trailHat.id,
      trailShoe.id,
    ]);
    expect(ids(await search(`q=trail+${other}`))).toEqual([otherShoe.id]);
  });

  it('When found products are shown, then each carries stock and rating summary', async () => {
    const [product] = await search(`q=${tag}+tarmac`);
    expect(product).toMatchObject({
      stock: 10,
      rating: { average: 0, count: 0 },
      price: { amount: 12999, currency: 'EUR' },
    });
  });
});

describe('listing products without text', () => {
  it('When filtering by category and price range, then the listing pages through only those products', async () => {
    const found = (
      await allPages(h, `/v1/products?categoryId=${shoes}&minPrice=5000&maxPrice=9000&sort=price_asc&limit=1`)
    ).flatMap((p) => p.items);
    expect(ids(found)).toEqual([otherShoe.id, trailShoe.id]);
  });

  it('When a price bound is beyond any price (past a safe integer), then the listing answers 200: empty above, unbounded below', async () => {
    const huge = '1532116504605369481767682048';
    for (const sort of ['newest', 'price_asc']) {
      const above = await h.call('GET', `/v1/products?categoryId=${shoes}&minPrice=${huge}&sort=${sort}`);
      expect(above.status).toBe(200);
      expect((above.body as { items: unknown[] }).items).toEqual([]);
      const below = await h.call(
        'GET',
        `/v1/products?categoryId=${shoes}&maxPrice=${huge}&sort=${sort}&limit=50`,
      );
      expect(below.status).toBe(200);
      expect(ids((below.body as { items: ApiProduct[] }).items)).toEqual(
        expect.arrayContaining([trailShoe.id, roadShoe.id, otherShoe.id]),
      );
    }
  });

  it('When filtering by price range while sorting by newest, then out-of-range products are left out', async () => {
    const found = (
      await allPages(h, `/v1/products?categoryId=${shoes}&minPrice=9000&sort=newest&limit=1`)
    ).flatMap((p) => p.items);
    expect(ids(found)).toEqual([roadShoe.id]);
  });

  it('When listing all products in a price band, then products of every category are in it, ordered by price', async () => {
    const band = 987_650_00 + Math.floor(Math.random() * 1_000_000) * 10;
    const a = await createProduct(h, shoes, { amount: band + 5 });
    const b = await createProduct(h, hats, { amount: band });
    const c = await createProduct(h, hats, { amount: band + 9 });
    const found = (
      await allPages(h, `/v1/products?minPrice=${band}&maxPrice=${band + 9}&sort=price_desc&limit=2`)
    ).flatMap((p) => p.items);
    expect(ids(found)).toEqual([c.id, a.id, b.id]);
  });

  it('When listing all products newest first, then new products lead in creation order', async () => {
    const first = await createProduct(h, hats);
    const second = await createProduct(h, shoes);
    const res = await h.call<{ items: ApiProduct[] }>('GET', '/v1/products?sort=newest&limit=100');
    const position = ids(res.body.items);
    // Both must be on the page before their order means anything (a missing one's indexOf is -1).
    expect(position).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(position.indexOf(second.id)).toBeLessThan(position.indexOf(first.id));
    // Other test files may create products meanwhile; none older than these comes first.
    const created = res.body.items.map((p) => p.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });
});
