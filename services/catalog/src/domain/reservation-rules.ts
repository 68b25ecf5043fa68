import { ConflictError, ValidationError } from '@shopeasy/service-kit/errors';
import { OutOfStockError, UnknownProductsError } from './errors.js';
import type { ReservedLine } from './inventory-ports.js';
import type { ProductRecord, RequestedLine, Reservation } from './model.js';

// What a reservation request must satisfy, checked against the products as just read.

/** The same items in any order are the same request. */
function fingerprint(lines: { productId: string; quantity: number }[]): string {
  return lines
    .map((line) => `${line.productId}:${line.quantity}`)
    .sort()
    .join(',');
}

export function checkLines(items: RequestedLine[]): void {
  const seen = new Set<string>();
  const errors = items.flatMap((line, i) => {
    if (!seen.has(line.productId)) {
      seen.add(line.productId);
      return [];
    }
    return [{ field: `body.items.${i}.productId`, message: 'is listed twice; put all units on one line' }];
  });
  if (errors.length > 0) throw new ValidationError('A product appears on more than one line.', errors);
}

/** The stored reservation when the same id comes again with the same items; 409 otherwise. */
export function replay(existing: Reservation, items: RequestedLine[]): Reservation {
  if (fingerprint(existing.items) === fingerprint(items)) return existing;
  throw new ConflictError(`Reservation ${existing.reservationId} was made for other items.`, [
    { field: 'body.reservationId', message: 'is already used for a reservation of other items' },
  ]);
}

/** The lines with their product as read now; 404, 409 (inactive) or 409 out of stock otherwise. */
export function reservable(items: RequestedLine[], products: ProductRecord[]): ReservedLine[] {
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines = items.map((line, i) => ({ line, i, product: byId.get(line.productId) }));
  const missing = lines.filter((l) => !l.product);
  if (missing.length > 0)
    throw new UnknownProductsError(
      `Product ${missing.map((l) => l.line.productId).join(', ')} does not exist.`,
      missing.map((l) => ({ field: `body.items.${l.i}.productId`, message: 'does not exist' })),
    );
  const inactive = lines.filter((l) => !l.product!.active);
  if (inactive.length > 0)
    throw new ConflictError(
      `Product ${inactive.map((l) => l.line.productId).join(', ')} is not for sale.`,
      inactive.map((l) => ({ field: `body.items.${l.i}.productId`, message: 'is not for sale' })),
    );
  const short = lines.filter((l) => l.product!.stock < l.line.quantity);
  if (short.length > 0)
    throw new OutOfStockError(
      `Not enough stock for ${short.length} line${short.length === 1 ? '' : 's'}.`,
      short.map((l) => ({
        field: `body.items.${l.i}.quantity`,
        message: `only ${l.product!.stock} left in stock`,
      })),
    );
  return lines.map(({ line, product }) => ({
    productId: line.productId,
    quantity: line.quantity,
    name: product!.name,
    unitPrice: { ...product!.price },
    version: product!.version,
  }));
}
