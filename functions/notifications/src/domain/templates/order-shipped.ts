import type { DomainEventData } from '@shopeasy/events';
import { composeEmail, type EmailContent } from './email.js';
import { oneLine } from './format.js';

type ShippedOrder = Pick<DomainEventData['order.shipped'], 'orderId'>;

export function orderShippedEmail(order: ShippedOrder): EmailContent {
  return composeEmail(`Your ShopEasy order ${oneLine(order.orderId)} is on its way`, 'Hi,', [
    { paragraph: `Good news: your order ${order.orderId} has shipped and is on its way to you.` },
  ]);
}
