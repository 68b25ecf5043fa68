import type { InventoryEvent } from '@shopeasy/events';
import type { CartChange } from './inventory-ports.js';

/**
 * `ignored`: an event that changes nothing here (the catalog's own stock events);
 * `duplicate`: an event already counted (the same event twice, or a batch read again).
 */
export type InventoryOutcome = 'applied' | 'duplicate' | 'unknown-product' | 'ignored';

function validTime(value: string, fallback: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

/**
 * What an event of the inventory stream changes here, or undefined when it changes nothing.
 *
 * - `cart.item.*`: units held in shoppers' carts change by `quantityDelta` (`availability.inCarts`).
 * - `stock.*`: published by the catalog itself after its conditional stock writes committed;
 *   the product's `stock` already is that level, the one authoritative number shoppers see and
 *   checkout reserves against. Applying it again could only make it older, so it is skipped.
 */
export function cartChangeOf(
  event: InventoryEvent,
  sequenceNumber: string,
  now: () => string,
): CartChange | undefined {
  switch (event.type) {
    case 'cart.item.added':
    case 'cart.item.changed':
    case 'cart.item.removed':
      if (!Number.isInteger(event.quantityDelta) || event.quantityDelta === 0) return undefined;
      return { sequenceNumber, delta: event.quantityDelta, at: validTime(event.occurredAt, now()) };
    default:
      return undefined;
  }
}

/**
 * What applying `deltas` one after the other does to a count that stops at zero: the count x
 * becomes max(floor, x + sum). Folding max(0, x + d) over the deltas keeps that shape, so a
 * whole batch is one write with the same result as one write per event.
 */
export function cartEffect(deltas: readonly number[]): { sum: number; floor: number } {
  let sum = 0;
  let floor = Number.NEGATIVE_INFINITY;
  for (const delta of deltas) {
    sum += delta;
    floor = Math.max(0, floor + delta);
  }
  return { sum, floor };
}

/** The count after `deltas`, from `count` (never below zero). */
export function countAfter(count: number, deltas: readonly number[]): number {
  const { sum, floor } = cartEffect(deltas);
  return Math.max(floor, count + sum);
}
