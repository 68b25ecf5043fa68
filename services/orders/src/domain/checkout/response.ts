import { problemType } from '@shopeasy/service-kit/errors';
import type { Order, StoredResponse } from '../model.js';
import { toOrderView } from '../order-view.js';

/**
 * The answer to a finished checkout, derived from the order alone, so the request that ran it,
 * a recovery that finished it and a retry with the same key all answer the same thing.
 */
export function checkoutResponse(order: Order): StoredResponse {
  if (order.status === 'pending_payment') throw new Error(`Checkout of ${order.id} has not finished`);
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
              : [409, 'checkout-cancelled', 'Checkout cancelled'];
    return {
      status,
      problem: { type: problemType(slug), title, detail, ...(errors?.length ? { errors } : {}) },
    };
  }
  return { status: 201, body: toOrderView(order) };
}
