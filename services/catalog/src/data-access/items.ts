import type { Category, ProductRecord, TokenHit } from '../domain/model.js';
import { CATEGORIES_INDEX, KEYS, PARTITIONS } from './keys.js';

// Item shapes of the catalog table and their mapping to plain domain objects (products: product-items.ts).

export type Item = Record<string, unknown>;

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
