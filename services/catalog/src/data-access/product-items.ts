import type { Product, ProductRecord } from '../domain/model.js';
import { newestKey, priceKey, ratingKey, type SortSpec } from '../domain/sort-keys.js';
import type { Item } from './items.js';
import { KEYS, LISTINGS, PARTITIONS } from './keys.js';

// A product is two items in its partition: `PRODUCT` (what listings show, with the listing keys
// while active) and `LIVE` (stock and units in carts, in no index, so their churn writes no index).

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

/** Product attributes without the main-table key and without stock; listing keys only while active. */
export function productAttributes(product: ProductRecord): Item {
  return {
    type: 'product',
    id: product.id,
    categoryId: product.categoryId,
    name: product.name,
    description: product.description,
    priceAmount: product.price.amount,
    priceCurrency: product.price.currency,
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

/** The LIVE item as a new product starts it: its stock; the inventory consumer adds inCarts. */
export function liveItem(product: ProductRecord): Item {
  return {
    ...KEYS.live(product.id),
    type: 'product-live',
    id: product.id,
    stock: product.stock,
    stockUpdatedAt: product.updatedAt,
  };
}

/** The later of two ISO instants (both from toISOString, so they compare as strings). */
function later(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

/** What the API shows of a product: stock and units in carts from LIVE, the rest from the product. */
export function fromListedItems(item: Item, live: Item | undefined): Product {
  const createdAt = item.createdAt as string;
  return {
    id: item.id as string,
    categoryId: item.categoryId as string,
    name: item.name as string,
    description: item.description as string,
    price: { amount: item.priceAmount as number, currency: item.priceCurrency as string },
    stock: (live?.stock as number | undefined) ?? 0,
    active: item.active as boolean,
    rating: { average: item.ratingAverage as number, count: item.ratingCount as number },
    // Written only by the inventory consumer; nothing in carts until its first cart event.
    availability: {
      inCarts: (live?.inCarts as number | undefined) ?? 0,
      updatedAt: (live?.inCartsUpdatedAt as string | undefined) ?? createdAt,
    },
    createdAt,
    // A stock change writes only LIVE, yet it is a change of the product a shopper sees.
    updatedAt: later(item.updatedAt as string, live?.stockUpdatedAt as string | undefined),
  };
}

/** The product with its LIVE counters, or undefined for a deleted one (its tombstone stays). */
export function fromProductItems(item: Item | undefined, live: Item | undefined): ProductRecord | undefined {
  if (!item || item.type !== 'product' || item.deletedAt !== undefined) return undefined;
  return {
    ...fromListedItems(item, live),
    tokens: (item.tokens as string[] | undefined) ?? [],
    version: item.version as number,
  };
}
