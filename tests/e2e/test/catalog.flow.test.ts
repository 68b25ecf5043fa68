import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, clients, failure, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl);
});

async function categoryWithProducts(count: number) {
  const category = await adminApi.categories.createCategory({
    createCategoryRequest: { name: `E2E ${randomUUID().slice(0, 8)}` },
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const product = await adminApi.products.createProduct({
      createProductRequest: {
        categoryId: category.id,
        name: `Lantern ${i} ${randomUUID().slice(0, 6)}`,
        description: 'A sturdy camping lantern for long evenings outdoors.',
        price: { amount: 1000 + ((i * 37) % 11) * 100, currency: 'EUR' },
        stock: 5 + i,
      },
    });
    ids.push(product.id);
  }
  return { category, ids };
}

describe('browsing the catalog through the gateway', () => {
  it('When a shopper pages through a category by price, then every product appears once, in order', async () => {
    const { category, ids } = await categoryWithProducts(12);
    const shopper = clients(gatewayUrl);
    const seen: { id: string; amount: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await shopper.products.listCategoryProducts({
        categoryId: category.id,
        sort: 'price_asc',
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((p) => ({ id: p.id, amount: p.price.amount })));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(new Set(seen.map((s) => s.id)).size).toBe(ids.length);
    const amounts = seen.map((s) => s.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));

    const categories = await shopper.categories.listCategories({ limit: 100 });
    expect(categories.items.length).toBeGreaterThan(0);
    const detail = await shopper.products.getProduct({ productId: ids[3]! });
    expect(detail).toMatchObject({ id: ids[3], categoryId: category.id, stock: 8, rating: { count: 0 } });
  });

  it('When an admin creates a product, then a customer finds it; a customer cannot create one', async () => {
    const { category } = await categoryWithProducts(0);
    const word = `zephyrlamp${randomUUID().slice(0, 6).replace(/-/g, '')}`;
    const created = await adminApi.products.createProduct({
      createProductRequest: {
        categoryId: category.id,
        name: `The ${word} deluxe`,
        description: 'Lights up the whole tent.',
        price: { amount: 4599, currency: 'EUR' },
        stock: 3,
      },
    });
    const found = await clients(gatewayUrl).products.listProducts({ q: word });
    expect(found.items.map((p) => p.id)).toEqual([created.id]);

    const customer = await newShopper(gatewayUrl);
    const denied = await failure(
      customer.api.products.createProduct({
        createProductRequest: {
          categoryId: category.id,
          name: 'Sneaky product',
          description: 'Should never exist.',
          price: { amount: 1, currency: 'EUR' },
          stock: 1,
        },
      }),
    );
    expect(denied.status).toBe(403);
    const listed = await clients(gatewayUrl).products.listCategoryProducts({ categoryId: category.id });
    expect(listed.items.map((p) => p.name)).toEqual([`The ${word} deluxe`]);
  });

  it('When ids or queries are malformed, then 400/404 problem+json', async () => {
    const bad = await fetch(`${gatewayUrl}/v1/products/not-a-product-id`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('path.productId');
    const missing = await fetch(`${gatewayUrl}/v1/products/prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ`);
    expect(missing.status).toBe(404);
    const limit = await fetch(`${gatewayUrl}/v1/products?limit=1000`);
    expect(limit.status).toBe(400);
    const unknown = await fetch(`${gatewayUrl}/v1/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});
