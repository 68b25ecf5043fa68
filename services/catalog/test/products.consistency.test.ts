import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, createCategory, createProduct, ids, type ApiProduct } from './support/factories.js';
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

const word = () => `kiwi${randomUUID().replace(/-/g, '').slice(0, 8)}`;
const listed = async (category: string, sort = 'newest') =>
  ids(
    (await allPages(h, `/v1/categories/${category}/products?sort=${sort}&limit=100`)).flatMap((p) => p.items),
  );
const found = async (q: string) =>
  ids((await h.call<{ items: ApiProduct[] }>('GET', `/v1/products?q=${q}`)).body.items);
const patch = (id: string, body: unknown) =>
  h.call<ApiProduct>('PATCH', `/v1/products/${id}`, { token: h.adminToken, body });

describe('changing products keeps listings and search consistent', () => {
  it('When a product is renamed, then search finds the new words and no longer the old ones', async () => {
    const [before, after] = [word(), word()];
    const product = await createProduct(h, categoryId, { name: `${before} Lamp` });
    const res = await patch(product.id, { name: `${after} Lamp`, description: 'Brass desk lamp.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: `${after} Lamp`,
      description: 'Brass desk lamp.',
      price: product.price,
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(product.updatedAt));
    expect(await found(before)).toEqual([]);
    expect(await found(`${after}+brass`)).toEqual([product.id]);
  });

  it('When a price changes, then the price listings and price search order by the new price', async () => {
    const tag = word();
    const cheap = await createProduct(h, categoryId, { name: `${tag} One`, amount: 1000 });
    const dear = await createProduct(h, categoryId, { name: `${tag} Two`, amount: 2000 });
    await patch(cheap.id, { price: { amount: 3000, currency: 'EUR' } });
    const order = (await listed(categoryId, 'price_asc')).filter((id) => id === cheap.id || id === dear.id);
    expect(order).toEqual([dear.id, cheap.id]);
    const searched = await h.call<{ items: ApiProduct[] }>(
      'GET',
      `/v1/products?q=${tag}&sort=price_asc&minPrice=2500`,
    );
    expect(searched.body.items.map((p) => [p.id, p.price.amount])).toEqual([[cheap.id, 3000]]);
  });

  it('When a product moves to another category, then it leaves the old listing and joins the new one', async () => {
    const tag = word();
    const target = await createCategory(h);
    const product = await createProduct(h, categoryId, { name: `${tag} Vase` });
    expect(await listed(categoryId)).toContain(product.id);
    expect((await patch(product.id, { categoryId: target })).body.categoryId).toBe(target);
    expect(await listed(categoryId)).not.toContain(product.id);
    expect(await listed(target)).toEqual([product.id]);
    expect(
      ids(
        (await h.call<{ items: ApiProduct[] }>('GET', `/v1/products?q=${tag}&categoryId=${target}`)).body
          .items,
      ),
    ).toEqual([product.id]);
  });

  it('When a product is deactivated, then shoppers no longer see it, and reactivating brings it back', async () => {
    const tag = word();
    const product = await createProduct(h, categoryId, { name: `${tag} Rug` });
    expect((await patch(product.id, { active: false })).body.active).toBe(false);
    expect((await h.call('GET', `/v1/products/${product.id}`)).status).toBe(404);
    expect(await listed(categoryId)).not.toContain(product.id);
    expect(await found(tag)).toEqual([]);
    expect((await patch(product.id, { active: true })).body.active).toBe(true);
    expect(await listed(categoryId)).toContain(product.id);
    expect(await found(tag)).toEqual([product.id]);
  });

  it('When a product is deleted, then it is gone from detail, listings and search, and a second delete is 404', async () => {
    const tag = word();
    const product = await createProduct(h, categoryId, { name: `${tag} Clock` });
    const sorts = ['newest', 'price_asc', 'price_desc', 'rating'];
    // Listed and found first, so that "gone" below is not just an empty answer.
    for (const sort of sorts) expect(await listed(categoryId, sort), sort).toContain(product.id);
    expect(await found(tag)).toEqual([product.id]);
    const res = await h.call('DELETE', `/v1/products/${product.id}`, { token: h.adminToken });
    expect(res.status).toBe(204);
    expect((await h.call('GET', `/v1/products/${product.id}`)).status).toBe(404);
    for (const sort of sorts) expect(await listed(categoryId, sort), sort).not.toContain(product.id);
    expect(await found(tag)).toEqual([]);
    expect((await h.call('DELETE', `/v1/products/${product.id}`, { token: h.adminToken })).status).toBe(404);
    expect((await patch(product.id, { active: true })).status).toBe(404);
  });
});

describe('stock levels', () => {
  it('When an admin sets the stock, then the detail, listing and a renamed product all show the new level', async () => {
    const product = await createProduct(h, categoryId, { stock: 3 });
    const res = await h.call<ApiProduct>('PUT', `/v1/products/${product.id}/stock`, {
      token: h.adminToken,
      body: { stock: 250 },
    });
    expect(res.status).toBe(200);
    expect(res.body.stock).toBe(250);
    expect((await h.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body.stock).toBe(250);
    const page = await h.call<{ items: ApiProduct[] }>(
      'GET',
      `/v1/categories/${categoryId}/products?limit=100`,
    );
    expect(page.body.items.find((p) => p.id === product.id)?.stock).toBe(250);
    // An edit after a stock change must not bring back the old level.
    expect((await patch(product.id, { name: 'Renamed after restock' })).body.stock).toBe(250);
  });

  it('When stock is taken relatively, then it never goes below zero', async () => {
    const product = await createProduct(h, categoryId, { stock: 2 });
    const at = new Date().toISOString();
    const attempts = await Promise.all(
      [1, 1, 1].map(() => h.repository.updateStock(product.id, { add: -1 }, at)),
    );
    expect(attempts.filter((r) => r === 'insufficient')).toHaveLength(1);
    expect((await h.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body.stock).toBe(0);
    expect(await h.repository.updateStock('prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ', { add: 1 }, at)).toBeUndefined();
  });
});
