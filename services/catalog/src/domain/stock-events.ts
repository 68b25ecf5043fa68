import type { StockEvent, StockEvents } from './inventory-ports.js';

export interface StockMove {
  productId: string;
  /** Change in units on hand (negative when reserved). */
  quantityDelta: number;
  /** Units on hand after the change. */
  stock: number;
}

/** The events of committed stock moves, one per product. */
export function stockEvents(
  deps: { now: () => string; newId: (prefix: string) => string },
  type: StockEvent['type'],
  moves: StockMove[],
  reservationId?: string,
): StockEvent[] {
  const occurredAt = deps.now();
  return moves.map((move) => ({
    id: deps.newId('evt'),
    type,
    productId: move.productId,
    quantityDelta: move.quantityDelta,
    stock: move.stock,
    ...(reservationId === undefined ? {} : { reservationId }),
    occurredAt,
  }));
}

/**
 * Publishes after the stock write committed. The table is the truth: a failure to build or put
 * the events is reported (logged with what was lost), never turned into a failed request.
 */
export async function publishAfterCommit(
  events: StockEvents,
  build: () => StockEvent[] | Promise<StockEvent[]>,
  context: Record<string, unknown>,
): Promise<void> {
  try {
    const built = await build();
    if (built.length > 0) await events.publish(built);
  } catch (error) {
    events.lost(error, context);
  }
}
