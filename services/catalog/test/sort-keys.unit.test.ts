import { describe, expect, it } from 'vitest';
import { productCursor, productCursorKey } from '../src/domain/cursor.js';
import type { TokenHit } from '../src/domain/model.js';
import { intersect, rankPage } from '../src/domain/search.js';
import {
  isSortKey,
  MAX_PRICE,
  newestKey,
  priceKey,
  priceKeyBounds,
  ratingKey,
} from '../src/domain/sort-keys.js';

const A = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAA';
const B = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB';
const C = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAC';

const hit = (productId: string, price: number, average = 0, count = 0): TokenHit => ({
  productId,
  categoryId: 'cat_01J9Z2K7M3N4P5Q6R7S8T9V0WX',
  price,
  createdAt: '2025-11-20T10:00:00.000Z',
  rating: { average, count },
});

describe('sort keys', () => {
  it('When prices are compared as keys, then string order is numeric order, ties ordered by id', () => {
    const keys = [priceKey(1000, B), priceKey(999, C), priceKey(1000, A), priceKey(10_000, A)];
    expect([...keys].sort()).toEqual([
      priceKey(999, C),
      priceKey(1000, A),
      priceKey(1000, B),
      priceKey(10_000, A),
    ]);
    expect(priceKey(8999, A)).toBe(`000000008999#${A}`);
  });

  it('When ratings are compared as keys, then the average decides, then the number of ratings', () => {
    const keys = [
      ratingKey({ average: 4.5, count: 3 }, A),
      ratingKey({ average: 4.49, count: 90 }, B),
      ratingKey({ average: 4.5, count: 12 }, C),
    ];
    expect([...keys].sort().reverse()).toEqual([keys[2], keys[0], keys[1]]);
    expect(ratingKey({ average: 4.456, count: 12 }, A)).toBe(`446#0000000012#${A}`);
  });

  it('When creation times are written differently, then the newest key is the same ISO form', () => {
    expect(newestKey('2025-11-20T10:00:00Z', A)).toBe(`2025-11-20T10:00:00.000Z#${A}`);
  });

  it('When a price range is given, then its bounds enclose every key of the end prices and clamp huge values', () => {
    const { from, to } = priceKeyBounds({ min: 1000, max: 2000 });
    expect(priceKey(1000, A) >= from && priceKey(2000, C) <= to).toBe(true);
    expect(priceKey(999, C) < from && priceKey(2001, A) > to).toBe(true);
    expect(priceKeyBounds({ max: Number.MAX_SAFE_INTEGER }).to).toBe(`${MAX_PRICE}#~`);
  });

  it('When a cursor is decoded for the order it was made for, then it yields its key, and otherwise 400', () => {
    const key = priceKey(1000, A);
    expect(productCursorKey(productCursor('price_asc', key), 'price_asc')).toBe(key);
    expect(() => productCursorKey(productCursor('price_asc', key), 'rating')).toThrow(/cursor/);
    expect(isSortKey('newest', key)).toBe(false);
  });
});

describe('ranking search hits', () => {
  it('When several terms matched, then only products hit by every term remain, once each', () => {
    const matched = intersect([
      [hit(A, 1), hit(B, 1), hit(B, 1)],
      [hit(B, 1), hit(C, 1)],
    ]);
    expect(matched.map((h) => h.productId)).toEqual([B]);
  });

  it('When hits are paged after a cursor, then the next page starts right after it and says if more follow', () => {
    const hits = [hit(A, 300), hit(B, 100), hit(C, 200)];
    const first = rankPage(hits, { price: {} }, 'price_desc', 2);
    expect(first.items.map((h) => h.productId)).toEqual([A, C]);
    expect(first.more).toBe(true);
    const second = rankPage(hits, { price: {} }, 'price_desc', 2, first.items.at(-1)?.sortKey);
    expect(second).toEqual({ items: [{ productId: B, sortKey: priceKey(100, B) }], more: false });
  });

  it('When filtering by price and sorting by rating, then out-of-range products are dropped and best rated lead', () => {
    const hits = [hit(A, 500, 3), hit(B, 5000, 5), hit(C, 700, 4.5)];
    const page = rankPage(hits, { price: { min: 500, max: 1000 } }, 'rating', 10);
    expect(page.items.map((h) => h.productId)).toEqual([C, A]);
  });
});
