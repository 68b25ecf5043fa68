import type { PriceRange, ProductSort, RatingSummary } from './model.js';

// Index sort keys are strings that sort like the order they stand for, and end with the product
// id: equal prices or ratings still have one order, so pages never repeat or skip a product.

/** Prices are zero-padded to this many digits, so string order is numeric order. */
export const PRICE_DIGITS = 12;
/** The highest price the indexes can order (just under ten billion euros in cents). */
export const MAX_PRICE = 10 ** PRICE_DIGITS - 1;
const COUNT_DIGITS = 10;
const MAX_COUNT = 10 ** COUNT_DIGITS - 1;

const PRODUCT_ID = 'prd_[0-9A-HJKMNP-TV-Z]{26}';

/** Which key a sort order reads and in which direction. */
export interface SortSpec {
  key: 'price' | 'newest' | 'rating';
  ascending: boolean;
}

export const SORTS: Readonly<Record<ProductSort, SortSpec>> = {
  price_asc: { key: 'price', ascending: true },
  price_desc: { key: 'price', ascending: false },
  newest: { key: 'newest', ascending: false },
  rating: { key: 'rating', ascending: false },
};

const KEY_PATTERNS: Readonly<Record<SortSpec['key'], RegExp>> = {
  price: new RegExp(`^\\d{${PRICE_DIGITS}}#${PRODUCT_ID}$`),
  newest: new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#${PRODUCT_ID}$`),
  rating: new RegExp(`^\\d{3}#\\d{${COUNT_DIGITS}}#${PRODUCT_ID}$`),
};

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

/** A price as the price keys hold it: whole minor units from 0 to MAX_PRICE. */
export function clampPrice(amount: number): number {
  return Math.min(Math.max(0, Math.trunc(amount)), MAX_PRICE);
}

/** `000000008999#prd_…`: ascending price, then product id. */
export function priceKey(amount: number, productId: string): string {
  return `${pad(clampPrice(amount), PRICE_DIGITS)}#${productId}`;
}

/** `450#0000000012#prd_…`: average (two decimals), then number of ratings, then product id. */
export function ratingKey(rating: RatingSummary, productId: string): string {
  const average = Math.round(Math.min(5, Math.max(0, rating.average)) * 100);
  return `${pad(average, 3)}#${pad(Math.min(Math.max(0, rating.count), MAX_COUNT), COUNT_DIGITS)}#${productId}`;
}

/** `2025-11-20T10:00:00.000Z#prd_…`: creation time (ISO, milliseconds), then product id. */
export function newestKey(createdAt: string, productId: string): string {
  return `${new Date(createdAt).toISOString()}#${productId}`;
}

/** The sort key a product has under an order: the same string its index item holds. */
export function sortKeyOf(
  product: { id: string; price: number; createdAt: string; rating: RatingSummary },
  sort: ProductSort,
): string {
  switch (SORTS[sort].key) {
    case 'price':
      return priceKey(product.price, product.id);
    case 'newest':
      return newestKey(product.createdAt, product.id);
    case 'rating':
      return ratingKey(product.rating, product.id);
  }
}

/** Whether a string is a well-formed sort key for the order (cursors are checked with it). */
export function isSortKey(sort: ProductSort, key: string): boolean {
  return KEY_PATTERNS[SORTS[sort].key].test(key);
}

/** The id a sort key ends with (product or category). */
export function idOfKey(key: string): string {
  return key.slice(key.lastIndexOf('#') + 1);
}

/** Inclusive bounds of a price range as price-key strings, for a BETWEEN key condition. */
export function priceKeyBounds(range: PriceRange): { from: string; to: string } {
  // '~' sorts after every product-id character, so `to` includes every product at the max price.
  return {
    from: pad(clampPrice(range.min ?? 0), PRICE_DIGITS),
    to: `${pad(clampPrice(range.max ?? MAX_PRICE), PRICE_DIGITS)}#~`,
  };
}

/** Whether `key` comes after `cursor` in the order's direction. */
export function isAfter(key: string, cursor: string, sort: ProductSort): boolean {
  return SORTS[sort].ascending ? key > cursor : key < cursor;
}
