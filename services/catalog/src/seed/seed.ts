import type { CatalogRepository } from '../data-access/catalog-repository.js';
import { buildDemoCatalog, DEFAULT_PRODUCT_COUNT } from './demo-catalog.js';

export interface SeedOptions {
  /** Seed only when the catalog has no category yet. */
  ifEmpty: boolean;
  products?: number;
  currency?: string;
}

export interface SeedResult {
  skipped: boolean;
  categories: number;
  products: number;
  /** Table items written: categories, name claims, products and search tokens. */
  items: number;
  durationMs: number;
}

/**
 * Writes the demo catalog through the repository's bulk import. Deterministic ids make a
 * repeated run overwrite the same items instead of adding a second catalog.
 */
export async function seedCatalog(repository: CatalogRepository, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  if (options.ifEmpty && !(await repository.isEmpty())) {
    return { skipped: true, categories: 0, products: 0, items: 0, durationMs: performance.now() - started };
  }
  const catalog = buildDemoCatalog(options.products ?? DEFAULT_PRODUCT_COUNT, options.currency);
  const items = await repository.importCatalog(catalog.categories, catalog.products);
  return {
    skipped: false,
    categories: catalog.categories.length,
    products: catalog.products.length,
    items,
    durationMs: performance.now() - started,
  };
}
