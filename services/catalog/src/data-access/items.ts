import type { Category, ProductRecord, TokenHit } from '../domain/model.js';
import { newestKey, priceKey, ratingKey, type SortSpec } from '../domain/sort-keys.js';
import { CATEGORIES_INDEX, KEYS, LISTINGS, PARTITIONS } from './keys.js';

// Item shapes of the catalog table and their mapping to plain domain objects.

export type Item = Record<string, unknown>;

/** The index attributes that list an active product in its category and among all products. */
export function listingAttributes(product: ProductRecord): Record<string, string> {
  const sortKeys: Record<SortSpec['key'], string> = {
    newest: newestKey(product.createdAt, product.id),
    price: priceKey(product.price.amount, product.id),
    rating: ratingKey(product.rating, product.id),
  };
  const partitions = { category: PARTITIONS.category(product.categoryId), all: PARTITIONS.allProducts };
  const attributes: Record<string, string> = {};
  for (const scope of ['category', 'all'] as const) {
    for (const key of ['newest', 'price', 'rating'] as const) {
      const index = LISTINGS[scope][key];
      attributes[index.pk] = partitions[scope];
      attributes[index.sk] = sortKeys[key];
    }
  }
  return attributes;
}

/** Product attributes without the main-table key; listing keys only while active. */
export function productAttributes(product: ProductRecord): Item {
  return {
    type: 'product',
    id: product.id,
    categoryId: product.categoryId,
    name: product.name,
    description: product.description,
    priceAmount: product.price.amount,
    priceCurrency: product.price.currency,
    stock: product.stock,
    active: product.active,
    ratingAverage: product.rating.average,
    ratingCount: product.rating.count,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    tokens: product.tokens,
    version: product.version,
    ...(product.active ? listingAttributes(product) : {}),
  };
}

export function productItem(product: ProductRecord): Item {
  return { ...KEYS.product(product.id), ...productAttributes(product) };
}

/** The product, or undefined for a deleted one (its tombstone stays in the table). */
export function fromProductItem(item: Item | undefined): ProductRecord | undefined {
  if (!item || item.type !== 'product' || item.deletedAt !== undefined) return undefined;
  return {
    id: item.id as string,
    categoryId: item.categoryId as string,
    name: item.name as string,
    description: item.description as string,
    price: { amount: item.priceAmount as number, currency: item.priceCurrency as string },
    stock: item.stock as number,
    active: item.active as boolean,
    rating: { average: item.ratingAverage as number, count: item.ratingCount as number },
    // Written only by the inventory consumer; nothing in carts until its first cart event.
    availability: {
      inCarts: (item.inCarts as number | undefined) ?? 0,
      updatedAt: (item.inCartsUpdatedAt as string | undefined) ?? (item.createdAt as string),
    },
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    tokens: (item.tokens as string[] | undefined) ?? [],
    version: item.version as number,
  };
}

/** One item per token of an active product, carrying what search filters and sorts on. */
export function tokenItems(product: ProductRecord): Item[] {
  return product.tokens.map((word) => ({
    ...KEYS.token(word, product.id),
    type: 'token',
    word,
    productId: product.id,
    categoryId: product.categoryId,
    priceAmount: product.price.amount,
    createdAt: product.createdAt,
    ratingAverage: product.rating.average,
    ratingCount: product.rating.count,
  }));
}

export const TOKEN_HIT_ATTRIBUTES = [
  'productId',
  'categoryId',
  'priceAmount',
  'createdAt',
  'ratingAverage',
  'ratingCount',
];

export function fromTokenItem(item: Item): TokenHit {
  return {
    productId: item.productId as string,
    categoryId: item.categoryId as string,
    price: item.priceAmount as number,
    createdAt: item.createdAt as string,
    rating: { average: item.ratingAverage as number, count: item.ratingCount as number },
  };
}

export function categoryItem(category: Category, sortKey: string): Item {
  return {
    ...KEYS.category(category.id),
    type: 'category',
    id: category.id,
    name: category.name,
    ...(category.description === undefined ? {} : { description: category.description }),
    [CATEGORIES_INDEX.pk]: PARTITIONS.allCategories,
    [CATEGORIES_INDEX.sk]: sortKey,
  };
}

export function categoryNameItem(nameKey: string, categoryId: string): Item {
  return { ...KEYS.categoryName(nameKey), type: 'category-name', categoryId };
}

export function fromCategoryItem(item: Item): Category & { sortKey: string } {
  return {
    id: item.id as string,
    name: item.name as string,
    ...(typeof item.description === 'string' ? { description: item.description } : {}),
    sortKey: item[CATEGORIES_INDEX.sk] as string,
  };
}
