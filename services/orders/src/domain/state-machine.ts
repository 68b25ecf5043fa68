import type { OrderStatus } from './model.js';

/**
 * The order lifecycle (contracts/orders.yaml, OrderStatus):
 * pending_payment → paid → shipped → delivered; pending_payment → payment_failed;
 * pending_payment or paid → cancelled; paid, shipped or delivered → refunded;
 * pending_payment → awaiting_payment_action (3-D Secure) → paid, payment_failed or cancelled.
 */
const ALLOWED: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['awaiting_payment_action', 'paid', 'payment_failed', 'cancelled'],
  awaiting_payment_action: ['paid', 'payment_failed', 'cancelled'],
  paid: ['shipped', 'cancelled', 'refunded'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
  payment_failed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses an order may be in for a change to `to`. */
export function statusesAllowing(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ALLOWED) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/** Statuses a customer can still cancel from: nothing has left the warehouse. */
export const CANCELLABLE: readonly OrderStatus[] = statusesAllowing('cancelled');
