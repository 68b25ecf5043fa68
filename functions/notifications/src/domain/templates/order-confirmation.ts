import type { DomainEventData } from '@shopeasy/events';
import { composeEmail, type EmailContent } from './email.js';
import { formatMoney, oneLine } from './format.js';

type PaidOrder = Pick<DomainEventData['order.paid'], 'orderId' | 'items' | 'total'>;

export function orderConfirmationEmail(order: PaidOrder): EmailContent {
  const rows = order.items.map(
    (line) => [`${line.quantity} × ${oneLine(line.name)}`, formatMoney(line.lineTotal)] as const,
  );
  return composeEmail(`Your ShopEasy order ${oneLine(order.orderId)} is confirmed`, 'Hi,', [
    { paragraph: `Thank you for your order. We have received your payment for order ${order.orderId}.` },
    { rows: [...rows, ['Total', formatMoney(order.total)]] },
    { paragraph: 'We will email you again as soon as it ships.' },
  ]);
}
