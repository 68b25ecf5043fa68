import { type DomainEnvelope, domainEvent } from '@shopeasy/events';
import type { Order } from './model.js';

// Event ids are fixed per order and event type, so an event published again after a crash
// carries the same id and consumers drop the copy.
const eventId = (order: Order, suffix: string) => `evt_${order.id.slice(4)}_${suffix}`;

const customer = (order: Order) => ({
  orderId: order.id,
  userId: order.userId,
  ...(order.email ? { email: order.email } : {}),
});

/** order.placed and order.paid, published together once the payment is captured. */
export function paidEvents(order: Order): DomainEnvelope[] {
  const reference = order.payment.reference ?? '';
  return [
    domainEvent(
      'order.placed',
      { ...customer(order), items: order.items, total: order.total },
      eventId(order, 'placed'),
    ),
    domainEvent(
      'order.paid',
      {
        ...customer(order),
        items: order.items,
        total: order.total,
        payment: { provider: order.payment.provider, reference },
      },
      eventId(order, 'paid'),
    ),
  ];
}

export function cancelledEvent(order: Order, refunded: boolean): DomainEnvelope {
  return domainEvent(
    'order.cancelled',
    { ...customer(order), refunded, total: order.total },
    eventId(order, 'cancelled'),
  );
}

export function shippedEvent(order: Order): DomainEnvelope {
  return domainEvent('order.shipped', customer(order), eventId(order, 'shipped'));
}
