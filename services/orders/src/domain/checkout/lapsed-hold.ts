import { newEffects, type Order } from '../model.js';
import { cancelledEvent } from '../order-events.js';
import type { DomainDeps } from '../ports.js';

const REFUNDED_DETAIL =
  'The stock held for this checkout was released before the payment was confirmed; the charge was refunded. Check out again.';

/**
 * A paid order whose stock hold was gone when it came to be confirmed (its units may be sold
 * again): cancelled in one conditional write with what that calls for, the refund and the
 * order.cancelled event that emails the customer. Counted once, by the write that wins.
 */
export async function cancelForLapsedHold(deps: DomainDeps, order: Order, effectsId: string): Promise<Order> {
  const updated = await deps.orders.update(order.id, {
    set: { status: 'cancelled', failure: { code: 'reservation_expired', detail: REFUNDED_DETAIL } },
    effects: newEffects({ refund: true, events: [cancelledEvent(order, true)] }),
    expect: { status: ['paid'], effectsId },
  });
  if (updated) {
    deps.metrics?.count('HoldLapsedRefunds');
    deps.logger.error(
      { orderId: order.id },
      'paid order found its stock hold lapsed: refunding and cancelling',
    );
    return updated;
  }
  return (await deps.orders.get(order.id)) ?? order;
}
