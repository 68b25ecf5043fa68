import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPages } from './support/factories.js';
import { freshCatalogTable } from './support/fresh-table.js';
import { startHarness, type Harness } from './support/harness.js';

const run = promisify(execFile);
const serviceDir = fileURLToPath(new URL('..', import.meta.url));
let table: Awaited<ReturnType<typeof freshCatalogTable>>;
let h: Harness;
let seeded: { categories: number; products: number } | undefined;

beforeAll(async () => {
  table = await freshCatalogTable();
  h = await startHarness({ CATALOG_TABLE: table.name });
});

afterAll(async () => {
  await h?.stop();
  await table?.drop();
});

/** Runs the seed command as `npm start` does, against the fresh table. */
async function seed(...args: string[]): Promise<string> {
  const { stdout } = await run(
    'node',
    ['--conditions=source', '--import', 'tsx', 'src/seed/cli.ts', ...args],
    {
      cwd: serviceDir,
      env: { ...process.env, CATALOG_TABLE: table.name, LOG_LEVEL: 'silent' },
    },
  );
  return stdout;
}

async function countProducts(): Promise<{ categories: number; products: number }> {
  const categories = await h.call<{ items: { id: string }[]; nextCursor?: string }>(
    'GET',
    '/v1/categories?limit=100',
  );
  let products = 0;
  for (const category of categories.body.items) {
    const pages = await allPages(h, `/v1/categories/${category.id}/products?limit=100`);
    products += pages.reduce((sum, page) => sum + page.items.length, 0);
  }
  return { categories: categories.body.items.length, products };
}

describe('seeding the demo catalog', () => {
  it('When an empty store is seeded with --if-empty, then it holds at least 10 categories and 500 products', async () => {
    const output = await seed('--if-empty');
    expect(output).toMatch(/12 categories, 540 products \(\d+ items\) in \d+\.\d s/);
    seeded = await countProducts();
    expect(seeded.categories).toBeGreaterThanOrEqual(10);
    expect(seeded.products).toBe(540);
  });

  it('When --if-empty runs on a seeded store, then it writes nothing', async () => {
    expect(await seed('--if-empty')).toMatch(/already has data; wrote 0 products/);
    expect(await countProducts()).toEqual(seeded);
  });

  it('When the seeded catalog is searched, then demo words find demo products', async () => {
    const res = await h.call<{ items: { name: string; description: string; price: { currency: string } }[] }>(
      'GET',
      '/v1/products?q=leather&limit=100',
    );
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const product of res.body.items) {
      expect(`${product.name} ${product.description}`.toLowerCase()).toContain('leather');
      expect(product.price.currency).toBe('EUR');
    }
  });
});
