import { randomUUID } from 'node:crypto';
import { ListCategoryProductsSortEnum } from '@shopeasy/api-client';
import { buildDemoCatalog } from '@shopeasy/catalog/demo-catalog';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, clients, failure, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl, env } = inject('stack');
let adminApi: Clients;

/** A department of the demo catalog the stack seeds that no flow or contract example writes to. */
const SEEDED = 'Kitchen';
const PAGE = 10;

/** A seeded category and the products it was seeded with, in price order (then id, as the index). */
function seededCategory(name: string) {
  const demo = buildDemoCatalog();
  const category = demo.categories.find((c) => c.category.name === name)!.category;
  const expected = demo.products
    .filter((p) => p.categoryId === category.id)
    .sort((a, b) => a.price.amount - b.price.amount || (a.id < b.id ? -1 : 1));
  return { category, expected };
}

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
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
  it('When a shopper pages through a seeded category by price, then each product it holds appears once, cheapest first, on full pages', async () => {
    const { category, expected } = seededCategory(SEEDED);
    // 540 products dealt over 12 departments.
    expect(expected.length).toBe(45);
    const shopper = clients(gatewayUrl);
    // The shop front finds the category by name, as a shopper would.
    const names = new Map<string, string>();
    let after: string | undefined;
    do {
      const page = await shopper.categories.listCategories({
        limit: 100,
        ...(after ? { cursor: after } : {}),
      });
      for (const c of page.items) names.set(c.name, c.id);
      after = page.nextCursor;
    } while (after);
    expect(names.get(SEEDED)).toBe(category.id);

    const pages: { id: string; amount: number }[][] = [];
    let cursor: string | undefined;
    do {
      const page = await shopper.products.listCategoryProducts({
        categoryId: category.id,
        sort: ListCategoryProductsSortEnum.PriceAsc,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.items.map((p) => ({ id: p.id, amount: p.price.amount })));
      cursor = page.nextCursor;
      expect(pages.length, 'pages never end').toBeLessThanOrEqual(Math.ceil(expected.length / PAGE));
    } while (cursor);

    // Full pages of PAGE, then the rest: none short, none empty.
    expect(pages.map((p) => p.length)).toEqual(
      Array.from({ length: Math.ceil(expected.length / PAGE) }, (_, i) =>
        Math.min(PAGE, expected.length - i * PAGE),
      ),
    );
    const seen = pages.flat();
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    // Exactly the seeded products, by price and then id (the index's tie-breaker), at seeded prices.
    expect(seen).toEqual(expected.map((p) => ({ id: p.id, amount: p.price.amount })));

    const [sample] = expected;
    const detail = await shopper.products.getProduct({ productId: sample!.id });
    expect(detail).toMatchObject({
      id: sample!.id,
      categoryId: category.id,
      name: sample!.name,
      price: sample!.price,
    });
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
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('path.productId');
    const missing = await fetch(`${gatewayUrl}/v1/products/prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ`);
    expect(missing.status).toBe(404);
    const limit = await fetch(`${gatewayUrl}/v1/products?limit=1000`);
    expect(limit.status).toBe(400);
    const unknown = await fetch(`${gatewayUrl}/v1/nowhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});
