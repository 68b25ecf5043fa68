import { ValidationError } from '@shopeasy/service-kit/errors';
import { decodeCursor, encodeCursor } from '@shopeasy/service-kit/pagination';

// A cursor names the listing position of the last review of a page: `<createdAt>#<reviewId>`.
const POSITION = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z#rev_[0-9A-HJKMNP-TV-Z]{26}$/;

function invalid(): ValidationError {
  return new ValidationError('The cursor is not valid.', [
    { field: 'query.cursor', message: 'is not a cursor of this listing' },
  ]);
}

export function encodePageCursor(after: string | undefined): string | undefined {
  return after === undefined ? undefined : encodeCursor({ a: after });
}

/** The position a cursor points after; 400 `query.cursor` when it is not one of ours. */
export function decodePageCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  let position: Record<string, unknown> | undefined;
  try {
    position = decodeCursor(cursor);
  } catch {
    throw invalid();
  }
  const after = position?.a;
  if (typeof after !== 'string' || !POSITION.test(after)) throw invalid();
  return after;
}
