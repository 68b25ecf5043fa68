import { ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import { abandonedPayment, newEffects, type Order } from './model.js';
import { cancelledEvent } from './order-events.js';
import { declinedChange, paidChange } from './payment-outcomes.js';
import type { DomainDeps, OrderChange } from './ports.js';

/** What the payment provider reports after a checkout, in ShopEasy's terms (from a verified webhook). */
export interface PaymentEvent {
  /** The provider's event id: each event is applied once. */
  id: string;
  /** The provider's event type, for the logs. */
  type: string;
  kind: 'succeeded' | 'failed' | 'canceled' | 'refunded' | 'disputed';
  /** The payment (PaymentIntent id) the event is about. */
  reference: string;
  /** Minor units and ISO 4217 upper case: the order's total must match. */
  amount: number;
  currency: string;
  /** `failed`: why, in the provider's words (e.g. payment_intent_authentication_failure). */
  declineCode?: string;
  /** `refunded`: the whole charge was refunded (a partial refund changes no order). */
  fullRefund?: boolean;
  /** `disputed`: the dispute's id and reason. */
  dispute?: { id: string; reason: string };
}

/** The order has not recorded its charge yet: the provider delivers the event again later. */
export class PaymentNotRecordedError extends ServiceUnavailableError {
  constructor() {
    super('The order has not recorded this payment yet; retry later.', 60);
  }
}
// The change an event makes to the order as it is now, or undefined when it makes none.
export function changeFor(deps: DomainDeps, order: Order, event: PaymentEvent): OrderChange | undefined {
  // Until the checkout records its charge, a refund or dispute has nothing to apply to yet.
  if (!paymentDecided(order) && (event.kind === 'refunded' || event.kind === 'disputed'))
    throw new PaymentNotRecordedError();
  if (order.status === 'awaiting_payment_action') return actionOutcome(order, event);
  if (event.kind === 'succeeded' && tookMoneyAfterAll(order, event)) return refundLateSuccess(order);
  if (event.kind === 'disputed') {
    if (!event.dispute || order.dispute?.id === event.dispute.id) return undefined;
    const dispute = { ...event.dispute, at: new Date(deps.now()).toISOString() };
    return { set: { dispute }, expect: { status: [order.status] } };
  }
  // Success, failure and cancellation are recorded by the checkout that charged.
  if (event.kind !== 'refunded' || !event.fullRefund || order.payment.status === 'refunded') return undefined;
  const payment = { ...order.payment, status: 'refunded' as const };
  if (order.status === 'paid') {
    // Refunded at the provider before shipping: the order is off, as if cancelled.
    return {
      set: { status: 'cancelled', payment },
      effects: newEffects({
        releaseStock: true,
        unmarkPurchases: true,
        events: [cancelledEvent(order, true)],
      }),
      expect: { status: ['paid'], noEffects: true },
    };
  }
  if (order.status === 'shipped' || order.status === 'delivered')
    return {
      set: { status: 'refunded', payment },
      effects: newEffects({ unmarkPurchases: true }),
      expect: { status: [order.status], noEffects: true },
    };
  return undefined;
}
const paymentDecided = (order: Order) =>
  order.status !== 'pending_payment' && order.status !== 'awaiting_payment_action';

/**
 * The customer's action decided the payment: paid (confirm the stock, mark the purchases,
 * order.placed and order.paid, as a checkout paid at once), or failed or cancelled (the stock
 * released; a failed payment is cancelled too, so it cannot be retried outside ShopEasy).
 */
function actionOutcome(order: Order, event: PaymentEvent): OrderChange | undefined {
  const expect = { status: ['awaiting_payment_action' as const], noEffects: true };
  const { provider, reference } = order.payment;
  if (event.kind === 'succeeded')
    return { ...paidChange(order, { provider, status: 'captured', reference: event.reference }), expect };
  if (event.kind === 'failed') {
    const declineCode = event.declineCode ?? 'payment_intent_authentication_failure';
    return { ...declinedChange({ provider, status: 'declined', reference, declineCode }, true), expect };
  }
  if (event.kind === 'canceled') {
    const detail = 'The payment was cancelled at the payment provider; nothing was charged.';
    return {
      set: {
        status: 'cancelled',
        failure: { code: 'cancelled', detail },
        payment: abandonedPayment(order.payment, 'canceled'),
      },
      effects: newEffects({ releaseStock: true }),
      expect,
    };
  }
  return undefined;
}

// A success reported for an order that ended without its payment (a race with its cancellation).
const tookMoneyAfterAll = (order: Order, event: PaymentEvent) =>
  (order.status === 'cancelled' || order.status === 'payment_failed') &&
  order.payment.reference === event.reference &&
  order.payment.status !== 'refunded' &&
  order.payment.status !== 'captured';

function refundLateSuccess(order: Order): OrderChange {
  return {
    set: { payment: { ...order.payment, status: 'captured' } },
    effects: newEffects({ refund: true }),
    expect: { status: [order.status], noEffects: true },
  };
}
