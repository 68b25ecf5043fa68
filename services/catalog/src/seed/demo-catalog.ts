import { categoryNameKey, categorySortKey } from '../domain/categories.js';
import type { ProductRecord } from '../domain/model.js';
import { productTokens } from '../domain/tokenize.js';
import type { ImportedCategory } from '../data-access/catalog-repository.js';
import { CLOSINGS, DEPARTMENTS, STYLES, type Department } from './departments.js';
import { seededId, seededRandom, type Random } from './random.js';

export const DEFAULT_PRODUCT_COUNT = 540;
const SEED = 20251120;
/** Demo products were "created" over the year before this instant (fixed, so runs agree). */
const CATALOG_EPOCH = Date.parse('2025-11-01T09:00:00.000Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface DemoCatalog {
  categories: ImportedCategory[];
  products: ProductRecord[];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleCase(text: string): string {
  return text.split(' ').map(capitalise).join(' ');
}

/** Prices end in 0, 5 or 9 cents like real shelf prices: 12.99, 45.00, 7.95. */
function shelfPrice(random: Random, [min, max]: readonly [number, number]): number {
  const euros = Math.floor(random.int(min, max) / 100);
  return euros * 100 + random.pick([99, 99, 95, 0, 50]);
}

function stockLevel(random: Random): number {
  const roll = random.next();
  if (roll < 0.07) return 0;
  if (roll < 0.2) return random.int(1, 5);
  return random.int(6, 250);
}

/** Draws style, item and material until the name is new, so product names do not repeat. */
function uniqueName(random: Random, department: Department, taken: Set<string>) {
  for (;;) {
    const style = random.pick(STYLES);
    const item = random.pick(department.items);
    const material = random.pick(department.materials);
    const name = `${style} ${titleCase(material)} ${item}`;
    if (!taken.has(name)) {
      taken.add(name);
      return { style, item, material, name };
    }
  }
}

function product(
  random: Random,
  department: Department,
  categoryId: string,
  currency: string,
  taken: Set<string>,
): ProductRecord {
  const { style, item, material, name } = uniqueName(random, department, taken);
  const [featureA, featureB] = random.sample(department.features, 2);
  const [useA, useB] = random.sample(department.uses, 2);
  const description = [
    `${capitalise(style.toLowerCase())} ${item.toLowerCase()} in ${material}, with ${featureA} and ${featureB}.`,
    `Made for ${useA} and ${useB}.`,
    random.pick(CLOSINGS),
  ].join(' ');
  const createdMs = CATALOG_EPOCH - Math.floor(random.next() * YEAR_MS);
  const createdAt = new Date(createdMs).toISOString();
  return {
    id: seededId('prd', createdMs, random),
    categoryId,
    name,
    description,
    price: { amount: shelfPrice(random, department.price), currency },
    stock: stockLevel(random),
    active: true,
    // No reviews exist yet, so no product has a rating until the first one is accepted.
    rating: { average: 0, count: 0 },
    createdAt,
    updatedAt: createdAt,
    tokens: productTokens(name, description),
    version: 1,
  };
}

/**
 * The demo catalog: every department as a category and `productCount` products spread over
 * them, built from word lists with a fixed seed, so every run yields the same catalog and ids.
 */
export function buildDemoCatalog(productCount = DEFAULT_PRODUCT_COUNT, currency = 'EUR'): DemoCatalog {
  const random = seededRandom(SEED);
  const categories = DEPARTMENTS.map((department, i) => {
    const id = seededId('cat', CATALOG_EPOCH - YEAR_MS - i * 60_000, random);
    return {
      category: { id, name: department.name, description: department.description },
      nameKey: categoryNameKey(department.name),
      sortKey: categorySortKey(department.name, id),
    };
  });
  const taken = new Set<string>();
  const products = Array.from({ length: productCount }, (_, i) => {
    const index = i % DEPARTMENTS.length;
    return product(random, DEPARTMENTS[index]!, categories[index]!.category.id, currency, taken);
  });
  return { categories, products };
}
