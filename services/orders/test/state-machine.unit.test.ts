import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../src/domain/model.js';
import { CANCELLABLE, canTransition, statusesAllowing } from '../src/domain/state-machine.js';

// Every allowed change, as contracts/orders.yaml (OrderStatus) lists them.
const ALLOWED: [OrderStatus, OrderStatus][] = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'payment_failed'],
  ['pending_payment', 'cancelled'],
  ['pending_payment', 'awaiting_payment_action'],
  ['awaiting_payment_action', 'paid'],
  ['awaiting_payment_action', 'payment_failed'],
  ['awaiting_payment_action', 'cancelled'],
  ['paid', 'shipped'],
  ['paid', 'cancelled'],
  ['paid', 'refunded'],
  ['shipped', 'delivered'],
  ['shipped', 'refunded'],
  ['delivered', 'refunded'],
];

describe('order state machine', () => {
  it.each(ALLOWED)('When an order is %s, then it may become %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('When a change is not in the lifecycle, then it is refused', () => {
    const refused = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const)).filter(
      ([from, to]) => !ALLOWED.some(([a, b]) => a === from && b === to),
    );
    expect(refused).toContainEqual(['shipped', 'cancelled']);
    expect(refused).toContainEqual(['payment_failed', 'paid']);
    expect(refused).toContainEqual(['cancelled', 'paid']);
    expect(refused).toContainEqual(['awaiting_payment_action', 'shipped']);
    expect(refused).toContainEqual(['paid', 'awaiting_payment_action']);
    for (const [from, to] of refused) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  it('When an order has shipped or ended, then it can no longer be cancelled', () => {
    expect([...CANCELLABLE].sort()).toEqual(['awaiting_payment_action', 'paid', 'pending_payment']);
    expect(statusesAllowing('shipped')).toEqual(['paid']);
  });

  it('When an order is cancelled, refunded or failed payment, then nothing follows', () => {
    for (const end of ['cancelled', 'refunded', 'payment_failed'] as const) {
      expect(ORDER_STATUSES.filter((to) => canTransition(end, to))).toEqual([]);
    }
  });
});
