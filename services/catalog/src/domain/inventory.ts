import type { InventoryEvent } from '@shopeasy/events';
import type { ApplyResult, InventoryStore } from './inventory-ports.js';

/** `ignored`: an event whose effect is already in the table (the catalog's own stock events). */
export type InventoryOutcome = ApplyResult | 'ignored';

function validTime(value: string, fallback: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

/**
 * Applies one event of the inventory stream, at most once per event id.
 *
 * - `cart.item.*`: units held in shoppers' carts change by `quantityDelta` (`availability.inCarts`).
 * - `stock.*`: published by the catalog itself after its conditional stock writes committed;
 *   the product's `stock` already is that level, the one authoritative number shoppers see and
 *   checkout reserves against. Applying it again could only make it older, so it is skipped.
 */
export async function applyInventoryEvent(
  store: Pick<InventoryStore, 'addToCarts'>,
  event: InventoryEvent,
  now: () => string,
): Promise<InventoryOutcome> {
  switch (event.type) {
    case 'cart.item.added':
    case 'cart.item.changed':
    case 'cart.item.removed':
      if (!Number.isInteger(event.quantityDelta) || event.quantityDelta === 0) return 'ignored';
      return store.addToCarts(
        event.id,
        event.productId,
        event.quantityDelta,
        validTime(event.occurredAt, now()),
      );
    default:
      return 'ignored';
  }
}
