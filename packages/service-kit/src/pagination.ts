import { ValidationError } from './errors.js';

/** Opaque cursors: a DynamoDB key (or any position) as base64url JSON. */
export function encodeCursor(position: Record<string, unknown> | undefined): string | undefined {
  return position ? Buffer.from(JSON.stringify(position)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the client error below
  }
  throw new ValidationError('The cursor is not valid.', [
    { field: 'cursor', message: 'is not a cursor from this API' },
  ]);
}

/** A list page as every list response carries it: no nextCursor on the last page. */
export function page<T>(
  items: T[],
  next: Record<string, unknown> | undefined,
): { items: T[]; nextCursor?: string } {
  const nextCursor = encodeCursor(next);
  return nextCursor ? { items, nextCursor } : { items };
}
