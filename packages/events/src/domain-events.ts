import type { EventType } from '@shopeasy/resources';

/** Money as every contract spells it: integer minor units and an ISO 4217 code. */
export interface Money {
  amount: number;
  currency: string;
}

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

/** Payload of each domain event on the SNS topic, by its `type`. */
export interface DomainEventData {
  'user.registered': { userId: string; email: string; name: string };
  'order.placed': { orderId: string; userId: string; email?: string; items: OrderLine[]; total: Money };
  'order.paid': {
    orderId: string;
    userId: string;
    email?: string;
    items: OrderLine[];
    total: Money;
    payment: { provider: string; reference: string };
  };
  'order.cancelled': { orderId: string; userId: string; email?: string; refunded: boolean; total: Money };
  'order.shipped': { orderId: string; userId: string; email?: string };
  'review.accepted': { reviewId: string; productId: string; userId: string; rating: number };
}

// Every event type of the topic has a payload shape here, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _allTypesCovered: Exact<keyof DomainEventData, EventType> = true;
void _allTypesCovered;

/**
 * The envelope every publisher writes (`domainEvent()` in the service kit) and every consumer
 * reads: `id` is unique per event, so consumers deduplicate on it.
 */
export interface DomainEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  requestId?: string;
  data: DomainEventData[T];
}

/** Reads the envelope out of an SNS notification body (an SQS message of a subscribed queue). */
export function parseSnsEnvelope(body: string): DomainEnvelope {
  const outer = JSON.parse(body) as { Type?: string; Message?: string };
  // Raw message delivery hands over the envelope itself; otherwise SNS wraps it.
  const envelope = JSON.parse(
    outer.Type === 'Notification' && outer.Message ? outer.Message : body,
  ) as DomainEnvelope;
  if (
    typeof envelope.id !== 'string' ||
    typeof envelope.type !== 'string' ||
    typeof envelope.data !== 'object'
  ) {
    throw new Error('Not a ShopEasy domain event');
  }
  return envelope;
}
