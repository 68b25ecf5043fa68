import type { InventoryEvent } from './inventory-events.js';

type CartEvent = Extract<InventoryEvent, { userId: string }>;

/**
 * The transactional outbox of a cart: the inventory events of the write that made this version of
 * the cart item, stored in the item itself (attribute CART_OUTBOX_ATTRIBUTE). The cart writes its
 * lines and their events in one conditional put, so one is never kept without the other; the
 * cart table's stream hands every version to functions/cart-events, which puts the events on the
 * inventory stream and retries until Kinesis takes them. The next write replaces the outbox.
 */
export interface CartOutbox {
  /** When the cart changed: every event's occurredAt. */
  occurredAt: string;
  /** Trace headers of the request that changed the cart, so the catalog continues its trace. */
  trace?: Record<string, string>;
  events: { id: string; type: CartEvent['type']; productId: string; quantityDelta: number }[];
}

export const CART_OUTBOX_ATTRIBUTE = 'outbox';

/** The inventory events a cart version's outbox holds, as they go on the stream. */
export function cartOutboxEvents(userId: string, outbox: CartOutbox): InventoryEvent[] {
  return outbox.events.map((event) => ({
    ...event,
    userId,
    occurredAt: outbox.occurredAt,
    ...(outbox.trace && Object.keys(outbox.trace).length > 0 ? { trace: outbox.trace } : {}),
  }));
}

const CART_EVENT_TYPES: ReadonlySet<string> = new Set([
  'cart.item.added',
  'cart.item.changed',
  'cart.item.removed',
]);

/** The outbox stored in a cart item (plain attributes, as unmarshalled), or undefined when it has none or is malformed. */
export function readCartOutbox(value: unknown): CartOutbox | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { occurredAt, trace, events } = value as Record<string, unknown>;
  if (typeof occurredAt !== 'string' || !Array.isArray(events)) return undefined;
  const valid = events.every(
    (e: unknown) =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as CartOutbox['events'][number]).id === 'string' &&
      CART_EVENT_TYPES.has((e as CartOutbox['events'][number]).type) &&
      typeof (e as CartOutbox['events'][number]).productId === 'string' &&
      Number.isInteger((e as CartOutbox['events'][number]).quantityDelta),
  );
  if (!valid) return undefined;
  const traced = typeof trace === 'object' && trace !== null;
  return {
    occurredAt,
    events: events as CartOutbox['events'],
    ...(traced ? { trace: trace as Record<string, string> } : {}),
  };
}
