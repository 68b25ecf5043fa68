import { ValidationError } from '@shopeasy/service-kit/errors';
import { decodeCursor, encodeCursor } from '@shopeasy/service-kit/pagination';
import type { ProductSort } from './model.js';
import { isSortKey } from './sort-keys.js';

// A cursor is the sort key of the last item of a page, tagged with its order. Listings and
// search share it: the next page starts after that key, whichever index or list it comes from.

const CATEGORY_KEY = /#cat_[0-9A-HJKMNP-TV-Z]{26}$/;

function invalid(): ValidationError {
  return new ValidationError('The cursor is not valid.', [
    { field: 'query.cursor', message: 'is not a cursor of this listing' },
  ]);
}

function decode(cursor: string, order: string): string {
  let position: Record<string, unknown> | undefined;
  try {
    position = decodeCursor(cursor);
  } catch {
    throw invalid();
  }
  if (position?.o !== order || typeof position.k !== 'string') throw invalid();
  return position.k;
}

export function productCursor(sort: ProductSort, key: string): string {
  return encodeCursor({ o: sort, k: key }) as string;
}

/** The sort key a product cursor points after; 400 `query.cursor` when it is not one of ours. */
export function productCursorKey(cursor: string | undefined, sort: ProductSort): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decode(cursor, sort);
  if (!isSortKey(sort, key)) throw invalid();
  return key;
}

export function categoryCursor(key: string): string {
  return encodeCursor({ o: 'name', k: key }) as string;
}

export function categoryCursorKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decode(cursor, 'name');
  if (!CATEGORY_KEY.test(key)) throw invalid();
  return key;
}
