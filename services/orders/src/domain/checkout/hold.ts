import type { Order } from '../model.js';
import type { DomainDeps } from '../ports.js';

/**
 * When the catalog's hold on the order's stock lapses. An order reserved before `holdUntil` was
 * recorded counts from its creation, which came before its reservation (never later than the truth).
 */
export function holdLapsesAt(deps: DomainDeps, order: Order): number {
  return order.holdUntil ? Date.parse(order.holdUntil) : Date.parse(order.createdAt) + deps.settings.holdMs;
}

/** The hold has lapsed, or would before a charge started now is sure to have answered. */
export function holdTooShortToCharge(deps: DomainDeps, order: Order): boolean {
  return deps.now() + deps.settings.paymentTimeoutMs >= holdLapsesAt(deps, order);
}

export const HOLD_EXPIRED_DETAIL =
  'The stock held for this checkout was released before it could be paid; nothing was charged. Check out again.';
