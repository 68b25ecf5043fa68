import { newEffects, type Order, type PaymentInfo } from './model.js';
import { paidEvents } from './order-events.js';
import type { OrderChange } from './ports.js';

/**
 * The change of an order whose payment was captured, however it was decided (the checkout's charge
 * or the webhook after 3-D Secure): paid, the stock confirmed, the purchases marked, order.placed
 * and order.paid.
 */
export function paidChange(order: Order, payment: PaymentInfo): Pick<OrderChange, 'set' | 'effects'> {
  return {
    set: { status: 'paid', payment },
    effects: newEffects({
      confirmStock: true,
      markPurchases: true,
      events: paidEvents({ ...order, payment }),
    }),
  };
}

/** The change of an order whose payment was declined: the stock released (and the intent cancelled, if asked). */
export function declinedChange(
  payment: PaymentInfo,
  cancelPayment = false,
): Pick<OrderChange, 'set' | 'effects'> {
  return {
    set: { status: 'payment_failed', payment },
    effects: newEffects({ releaseStock: true, ...(cancelPayment ? { cancelPayment: true } : {}) }),
  };
}
