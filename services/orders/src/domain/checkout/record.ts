import { CheckoutInProgressError } from '../errors.js';
import { newEffects, type Order } from '../model.js';
import { paidEvents } from '../order-events.js';
import type { ChargeResult } from '../payment-provider.js';
import type { DomainDeps } from '../ports.js';
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
  const provider = deps.payments.name;
  const expect = { status: ['pending_payment'] as const, leaseOwner: owner };
  const updated =
    result.status === 'requires_action'
      ? await deps.orders.update(order.id, {
          set: {
            status: 'awaiting_payment_action',
            payment: {
              provider,
              status: 'requires_action',
              reference: result.reference,
              ...(result.clientSecret ? { clientSecret: result.clientSecret } : {}),
              actionExpiresAt: new Date(actionDeadline(deps, order)).toISOString(),
            },
          },
          expect,
        })
      : result.status === 'succeeded'
        ? await deps.orders.update(order.id, {
            set: { status: 'paid', payment: { provider, status: 'captured', reference: result.reference } },
            effects: newEffects({
              confirmStock: true,
              markPurchases: true,
              events: paidEvents({
                ...order,
                payment: { provider, status: 'captured', reference: result.reference },
              }),
            }),
            expect,
          })
        : await deps.orders.update(order.id, {
            set: {
              status: 'payment_failed',
              payment: {
                provider,
                status: 'declined',
                reference: result.reference,
                declineCode: result.declineCode ?? 'generic_decline',
              },
            },
            effects: newEffects({ releaseStock: true }),
            expect,
          });
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
