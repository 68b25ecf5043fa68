import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createProduct, type ApiProduct } from './support/factories.js';
import { startHarness, unique, type Harness } from './support/harness.js';

type Problem = { status: number; errors?: { field: string; message: string }[] };

let h: Harness;
let categoryId: string;
let product: ApiProduct;
const UNKNOWN_PRODUCT = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ';
const UNKNOWN_CATEGORY = 'cat_01J9Z2K7M3N4P5Q6R7S8T9V0ZZ';

beforeAll(async () => {
  h = await startHarness();
  categoryId = await createCategory(h);
  product = await createProduct(h, categoryId);
});

afterAll(async () => {
  await h?.stop();
});

async function expectProblem(
  res: Promise<{ status: number; contentType: string; body: unknown }>,
  status: number,
  fields: string[],
) {
  const reply = await res;
  expect(reply.status).toBe(status);
  expect(reply.contentType).toContain('application/problem+json');
  const problem = reply.body as Problem;
  expect(problem.status).toBe(status);
  expect((problem.errors ?? []).map((e) => e.field).sort()).toEqual([...fields].sort());
}

/** A body that is not JSON, sent as it is (`h.call` encodes whatever body it is given as JSON). */
async function sendText(method: string, path: string, text: string) {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` },
    body: text,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: (await res.json()) as unknown,
  };
}

describe('requests the catalog refuses', () => {
  it('When a product body breaks the schema, then 400 names each field and nothing is created', async () => {
    const name = unique('Broken');
    await expectProblem(
      h.call('POST', '/v1/products', {
        token: h.adminToken,
        body: {
          categoryId,
          name,
          description: 'x',
          price: { amount: -5, currency: 'euro' },
          stock: 1.5,
          colour: 'red',
        },
      }),
      400,
      ['body.price.amount', 'body.price.currency', 'body.stock', 'body.colour'],
    );
    const search = await h.call<{ items: unknown[] }>('GET', `/v1/products?q=${encodeURIComponent(name)}`);
    expect(search.body.items).toEqual([]);
  });

  it('When ids do not match their pattern, then 400 names the path parameter', async () => {
    await expectProblem(h.call('GET', '/v1/products/not-a-product'), 400, ['path.productId']);
    await expectProblem(h.call('GET', '/v1/categories/cat_123/products'), 400, ['path.categoryId']);
    await expectProblem(h.call('GET', '/v1/products?categoryId=prd_x'), 400, ['query.categoryId']);
  });

  it('When the limit is out of range or the sort unknown, then 400 names the query parameter', async () => {
    await expectProblem(h.call('GET', `/v1/categories/${categoryId}/products?limit=0`), 400, ['query.limit']);
    await expectProblem(h.call('GET', '/v1/products?limit=101'), 400, ['query.limit']);
    await expectProblem(h.call('GET', '/v1/categories?limit=abc'), 400, ['query.limit']);
    await expectProblem(h.call('GET', '/v1/products?sort=cheapest'), 400, ['query.sort']);
  });

  it('When a cursor is made up, tampered with or from another order, then 400 names query.cursor', async () => {
    const page = await h.call<{ nextCursor?: string }>(
      'GET',
      `/v1/categories/${categoryId}/products?limit=1`,
    );
    await createProduct(h, categoryId);
    const next = (
      await h.call<{ nextCursor: string }>('GET', `/v1/categories/${categoryId}/products?limit=1`)
    ).body.nextCursor;
    const forged = Buffer.from(JSON.stringify({ o: 'newest', k: 'x' })).toString('base64url');
    expect(page.status).toBe(200);
    for (const cursor of ['bm90LWpzb24', forged, next.slice(0, -2)]) {
      await expectProblem(h.call('GET', `/v1/categories/${categoryId}/products?cursor=${cursor}`), 400, [
        'query.cursor',
      ]);
    }
    await expectProblem(
      h.call('GET', `/v1/categories/${categoryId}/products?sort=price_asc&cursor=${next}`),
      400,
      ['query.cursor'],
    );
    await expectProblem(h.call('GET', `/v1/categories?cursor=${next}`), 400, ['query.cursor']);
    await expectProblem(h.call('GET', '/v1/products?cursor=not!base64'), 400, ['query.cursor']);
  });

  it('When the product or the category does not exist, then 404 problem+json', async () => {
    await expectProblem(h.call('GET', `/v1/products/${UNKNOWN_PRODUCT}`), 404, []);
    await expectProblem(h.call('GET', `/v1/categories/${UNKNOWN_CATEGORY}/products`), 404, []);
    await expectProblem(
      h.call('PATCH', `/v1/products/${UNKNOWN_PRODUCT}`, { token: h.adminToken, body: { name: 'x' } }),
      404,
      [],
    );
    await expectProblem(
      h.call('DELETE', `/v1/products/${UNKNOWN_PRODUCT}`, { token: h.adminToken }),
      404,
      [],
    );
    await expectProblem(
      h.call('PUT', `/v1/products/${UNKNOWN_PRODUCT}/stock`, { token: h.adminToken, body: { stock: 1 } }),
      404,
      [],
    );
  });

  it('When a product names an unknown category, then 422 names body.categoryId and nothing changes', async () => {
    const name = unique('Orphan');
    const body = {
      categoryId: UNKNOWN_CATEGORY,
      name,
      description: '',
      price: { amount: 100, currency: 'EUR' },
      stock: 1,
    };
    await expectProblem(h.call('POST', '/v1/products', { token: h.adminToken, body }), 422, [
      'body.categoryId',
    ]);
    await expectProblem(
      h.call('PATCH', `/v1/products/${product.id}`, {
        token: h.adminToken,
        body: { categoryId: UNKNOWN_CATEGORY },
      }),
      422,
      ['body.categoryId'],
    );
    expect((await h.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body.categoryId).toBe(categoryId);
  });

  it('When the price is in another currency or the price range is empty, then 422 names the field', async () => {
    await expectProblem(
      h.call('PATCH', `/v1/products/${product.id}`, {
        token: h.adminToken,
        body: { price: { amount: 100, currency: 'USD' } },
      }),
      422,
      ['body.price.currency'],
    );
    await expectProblem(h.call('GET', '/v1/products?minPrice=500&maxPrice=100'), 422, ['query.minPrice']);
  });

  it('When an update is empty, a name is blank or stock is negative, then 400 names the field', async () => {
    await expectProblem(
      h.call('PATCH', `/v1/products/${product.id}`, { token: h.adminToken, body: {} }),
      400,
      ['body'],
    );
    await expectProblem(
      h.call('PATCH', `/v1/products/${product.id}`, { token: h.adminToken, body: { name: '   ' } }),
      400,
      ['body.name'],
    );
    await expectProblem(
      h.call('PUT', `/v1/products/${product.id}/stock`, { token: h.adminToken, body: { stock: -1 } }),
      400,
      ['body.stock'],
    );
    await expectProblem(sendText('POST', '/v1/products', '{"name":'), 400, ['body']);
    expect((await h.call<ApiProduct>('GET', `/v1/products/${product.id}`)).body).toEqual(product);
  });
});
