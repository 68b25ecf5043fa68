import { abandonedPayment, newEffects, type Order } from '../model.js';
import type { DomainDeps } from '../ports.js';
import { settle } from './settle.js';

const EXPIRED_DETAIL =
  'The payment was not authenticated in time; the order was cancelled and nothing was charged. Check out again.';

/**
 * An order whose payment waits for the customer's action, taken by the sweeper (lease held): past
 * its deadline it is cancelled, its payment cancelled at the provider (refunded had it gone
 * through meanwhile) and its stock released; before it, its work marker is set to the deadline
 * again. Answers whether the order was cancelled.
 */
export async function expireIfDue(deps: DomainDeps, order: Order, owner: string): Promise<boolean> {
  const deadline = Date.parse(order.payment.actionExpiresAt ?? order.createdAt);
  if (deps.now() < deadline) {
    await settle(deps, order, owner);
    return false;
  }
  const cancelled = await deps.orders.update(order.id, {
    set: {
      status: 'cancelled',
      failure: { code: 'payment_action_expired', detail: EXPIRED_DETAIL },
      payment: abandonedPayment(order.payment, 'payment_action_expired'),
    },
    effects: newEffects({ cancelPayment: true, releaseStock: true }),
    expect: { status: ['awaiting_payment_action'], leaseOwner: owner, noEffects: true },
  });
  if (!cancelled) {
    // The payment was decided meanwhile (a webhook): finish whatever that left.
    const now = await deps.orders.get(order.id);
    if (now) await settle(deps, now, owner);
    return false;
  }
  deps.metrics?.count('PaymentActionsExpired');
  deps.logger.info({ orderId: order.id }, 'payment action not completed in time: order cancelled');
  await settle(deps, cancelled, owner);
  return true;
}
