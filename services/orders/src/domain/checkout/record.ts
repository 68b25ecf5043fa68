import { CheckoutInProgressError } from '../errors.js';
import type { Order } from '../model.js';
import type { ChargeResult } from '../payment-provider.js';
import { declinedChange, paidChange } from '../payment-outcomes.js';
import type { DomainDeps, OrderChange } from '../ports.js';
import { holdLapsesAt } from './hold.js';

/**
 * Records the charge's result in one conditional write, together with the effects it calls for:
 * paid (confirm the stock, mark the purchases, order.placed and order.paid), payment_failed
 * (release the stock), or awaiting_payment_action (the stock stays held until the action's
 * deadline; the provider's webhook decides). A holder that lost its lease meanwhile records nothing: whoever took
 * over decides, and a charge of this run that went through on an order no longer to be paid is
 * refunded.
 */
export async function recordCharge(
  deps: DomainDeps,
  order: Order,
  owner: string,
  result: ChargeResult,
): Promise<Order> {
  const expect = { status: ['pending_payment'] as const, leaseOwner: owner };
  const updated = await deps.orders.update(order.id, { ...outcomeChange(deps, order, result), expect });
  if (updated) {
    countOutcome(deps, result);
    await deps.onCheckoutStep?.('recorded', updated.id);
    return updated;
  }
  // The lease was lost (this holder stalled longer than a lease): whoever took over decides.
  const now = await deps.orders.get(order.id);
  if (result.status === 'succeeded' && now && now.status !== 'paid' && now.status !== 'pending_payment') {
    await deps.payments.refund({ reference: result.reference, idempotencyKey: `refund_${order.id}` });
  }
  throw new CheckoutInProgressError();
}

// The order as the charge's result leaves it: paid, waiting for the customer's action, or declined.
function outcomeChange(
  deps: DomainDeps,
  order: Order,
  result: ChargeResult,
): Pick<OrderChange, 'set' | 'effects'> {
  const payment = { provider: deps.payments.name, reference: result.reference };
  if (result.status === 'succeeded') return paidChange(order, { ...payment, status: 'captured' });
  if (result.status === 'declined')
    return declinedChange({
      ...payment,
      status: 'declined',
      declineCode: result.declineCode ?? 'generic_decline',
    });
  const actionExpiresAt = new Date(actionDeadline(deps, order)).toISOString();
  const clientSecret = result.clientSecret ? { clientSecret: result.clientSecret } : {};
  return {
    set: {
      status: 'awaiting_payment_action',
      payment: { ...payment, status: 'requires_action', ...clientSecret, actionExpiresAt },
    },
  };
}

/**
 * Until when the customer may complete the payment's action: the configured window, ending
 * early enough that the stock hold outlasts a payment decided at the last moment.
 */
export function actionDeadline(deps: DomainDeps, order: Order): number {
  const latest = holdLapsesAt(deps, order) - deps.settings.paymentTimeoutMs;
  return Math.min(deps.now() + deps.settings.actionWindowMs, latest);
}

// Counted once, where the outcome is recorded: a retry or a recovery replays it without counting.
function countOutcome(deps: DomainDeps, result: ChargeResult): void {
  if (result.status === 'requires_action') {
    deps.metrics?.count('PaymentActionsRequired');
    return;
  }
  if (result.status === 'succeeded') {
    deps.metrics?.count('OrdersPlaced');
    return;
  }
  deps.metrics?.count('PaymentsDeclined');
  deps.metrics?.count('PaymentsDeclined', { declineCode: result.declineCode ?? 'generic_decline' });
}
