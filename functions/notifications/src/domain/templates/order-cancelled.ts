import type { DomainEventData } from '@shopeasy/events';
import { composeEmail, type EmailContent } from './email.js';
import { formatMoney, oneLine } from './format.js';

type CancelledOrder = Pick<DomainEventData['order.cancelled'], 'orderId' | 'refunded' | 'total'>;

export function orderCancelledEmail(order: CancelledOrder): EmailContent {
  const refund = order.refunded
    ? `We have refunded ${formatMoney(order.total)} to your original payment method. Depending on your bank, it can take 5 to 10 business days to appear.`
    : 'No payment was taken for this order, so there is nothing to refund.';
  return composeEmail(`Your ShopEasy order ${oneLine(order.orderId)} has been cancelled`, 'Hi,', [
    { paragraph: `Your order ${order.orderId} has been cancelled.` },
    { paragraph: refund },
  ]);
}
