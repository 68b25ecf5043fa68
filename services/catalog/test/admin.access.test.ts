import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages, createCategory, ids, type ApiProduct } from './support/factories.js';
import { startHarness, unique, type Harness } from './support/harness.js';

let h: Harness;
let categoryId: string;

beforeAll(async () => {
  h = await startHarness();
  categoryId = await createCategory(h);
});

afterAll(async () => {
  await h?.stop();
});

const newProduct = (name: string) => ({
  categoryId,
  name,
  description: 'Hand-stitched leather wallet with six card slots.',
  price: { amount: 4599, currency: 'EUR' },
  stock: 12,
});

describe('who may change the catalog', () => {
  it('When an admin creates a product, then a customer finds it in the category listing, in search and by id', async () => {
    const word = `wallet${randomUUID().slice(0, 6)}`;
    const created = await h.call<ApiProduct>('POST', '/v1/products', {
      token: h.adminToken,
      body: newProduct(`${word} Classic`),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      active: true,
      stock: 12,
      rating: { average: 0, count: 0 },
      categoryId,
    });

    const listing = (await allPages(h, `/v1/categories/${categoryId}/products`)).flatMap((p) => p.items);
    expect(ids(listing)).toContain(created.body.id);
    const search = await h.call<{ items: ApiProduct[] }>('GET', `/v1/products?q=${word}`);
    expect(ids(search.body.items)).toEqual([created.body.id]);
    const detail = await h.call<ApiProduct>('GET', `/v1/products/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual(created.body);
  });

  it('When a customer tries to create a product, then 403 problem+json and nothing is created', async () => {
    const word = `forbidden${randomUUID().slice(0, 6)}`;
    const res = await h.call('POST', '/v1/products', {
      token: h.customerToken,
      body: newProduct(`${word} Wallet`),
    });
    expect(res.status).toBe(403);
    expect(res.contentType).toContain('application/problem+json');
    const search = await h.call<{ items: ApiProduct[] }>('GET', `/v1/products?q=${word}`);
    expect(search.body.items).toEqual([]);
  });

  it('When nobody is signed in, then changing the catalog is 401 problem+json', async () => {
    const product = await h.call<ApiProduct>('POST', '/v1/products', {
      token: h.adminToken,
      body: newProduct(unique('Wallet')),
    });
    const attempts = [
      h.call('POST', '/v1/products', { body: newProduct(unique('Anonymous')) }),
      h.call('POST', '/v1/categories', { body: { name: unique('Anonymous') } }),
      h.call('PATCH', `/v1/products/${product.body.id}`, { body: { name: 'Renamed' } }),
      h.call('DELETE', `/v1/products/${product.body.id}`),
      h.call('PUT', `/v1/products/${product.body.id}/stock`, { body: { stock: 0 } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/problem+json');
    }
    const after = await h.call<ApiProduct>('GET', `/v1/products/${product.body.id}`);
    expect(after.body).toEqual(product.body);
  });

  it('When a customer tries to change, delete or restock a product, then 403 and the product is unchanged', async () => {
    const product = await h.call<ApiProduct>('POST', '/v1/products', {
      token: h.adminToken,
      body: newProduct(unique('Wallet')),
    });
    const token = h.customerToken;
    expect(
      (await h.call('PATCH', `/v1/products/${product.body.id}`, { token, body: { name: 'Mine now' } }))
        .status,
    ).toBe(403);
    expect((await h.call('DELETE', `/v1/products/${product.body.id}`, { token })).status).toBe(403);
    expect(
      (await h.call('PUT', `/v1/products/${product.body.id}/stock`, { token, body: { stock: 999 } })).status,
    ).toBe(403);
    expect((await h.call('POST', '/v1/categories', { token, body: { name: unique('Mine') } })).status).toBe(
      403,
    );
    expect((await h.call<ApiProduct>('GET', `/v1/products/${product.body.id}`)).body).toEqual(product.body);
  });

  it('When an admin creates a category with a name that exists in another case, then 409 naming the field', async () => {
    const name = unique('Outdoor Gear');
    expect((await h.call('POST', '/v1/categories', { token: h.adminToken, body: { name } })).status).toBe(
      201,
    );
    const again = await h.call<{ errors: { field: string }[] }>('POST', '/v1/categories', {
      token: h.adminToken,
      body: { name: `  ${name.toUpperCase()} ` },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors.map((e) => e.field)).toEqual(['body.name']);
  });
});
