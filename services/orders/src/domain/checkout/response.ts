import { problemType } from '@shopeasy/service-kit/errors';
import type { IdempotencyRecord, Order, StoredResponse } from '../model.js';
import { toOrderView } from '../order-view.js';
import type { DomainDeps } from '../ports.js';

/**
 * The answer to a finished checkout, derived from the order alone, so the request that ran it,
 * a recovery that finished it and a retry with the same key all answer the same thing. A
 * checkout waiting for the customer's action answers 202; once the payment is decided, a retry
 * answers the decision (see `replayAnswer`).
 */
export function checkoutResponse(order: Order): StoredResponse {
  if (order.status === 'pending_payment') throw new Error(`Checkout of ${order.id} has not finished`);
  // Answered to the customer who checked out: the client secret is theirs.
  if (order.status === 'awaiting_payment_action')
    return { status: 202, body: toOrderView(order, order.userId) };
  if (order.status === 'payment_failed') {
    const code = order.payment.declineCode ?? 'generic_decline';
    return {
      status: 402,
      problem: {
        type: problemType('payment-declined'),
        title: 'Payment declined',
        detail: `The payment method was declined by the payment provider (${code}).`,
        errors: [{ field: 'body.paymentMethodId', message: `was declined: ${code}` }],
      },
    };
  }
  if (order.status === 'cancelled' && order.failure) {
    const { code, detail, errors } = order.failure;
    const [status, slug, title] =
      code === 'out_of_stock'
        ? [409, 'out-of-stock', 'Out of stock']
        : code === 'unavailable'
          ? [409, 'product-unavailable', 'Product unavailable']
          : code === 'mixed_currency'
            ? [422, 'mixed-currency', 'Unprocessable request']
            : code === 'reservation_expired'
              ? [409, 'reservation-expired', 'Reservation expired']
              : code === 'payment_action_expired'
                ? [409, 'payment-action-expired', 'Payment action expired']
                : [409, 'checkout-cancelled', 'Checkout cancelled'];
    return {
      status,
      problem: { type: problemType(slug), title, detail, ...(errors?.length ? { errors } : {}) },
    };
  }
  return { status: 201, body: toOrderView(order, order.userId) };
}

/**
 * What a retry with a known key answers: the stored answer, except while the first answer was a
 * 202 (waiting for the customer's action): then the order as it is now decides (paid 201,
 * declined 402, expired or cancelled 409, still waiting 202).
 */
export async function replayAnswer(deps: DomainDeps, record: IdempotencyRecord): Promise<StoredResponse> {
  const stored = record.response!;
  if (stored.status !== 202) return stored;
  const order = await deps.orders.get(record.orderId);
  return order && order.status !== 'pending_payment' ? checkoutResponse(order) : stored;
}
