import Stripe from 'stripe';
import { AppError, problemType } from '@shopeasy/service-kit/errors';
import type { PaymentEvent } from '../domain/payment-events.js';

/** How old a signature may be (Stripe's own default): a replayed old delivery is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export class InvalidWebhookSignatureError extends AppError {
  constructor() {
    super(
      400,
      'Invalid webhook signature',
      'The Stripe-Signature header does not match the body, or is too old.',
    );
  }

  override get type(): string {
    return problemType('invalid-webhook-signature');
  }
}

/**
 * Checks a webhook with Stripe's SDK against the endpoint's signing secret, on the exact bytes
 * received (`receivedAt`, epoch ms, decides the tolerance), and reads it as a payment event;
 * undefined for a type ShopEasy does not handle. Throws InvalidWebhookSignatureError.
 */
export function verifyStripeEvent(
  rawBody: Buffer | undefined,
  signature: string | undefined,
  secret: string,
  receivedAt: number,
): PaymentEvent | undefined {
  let event: Stripe.Event;
  try {
    if (!rawBody || !signature) throw new Error('no body or signature');
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      receivedAt,
    );
  } catch {
    throw new InvalidWebhookSignatureError();
  }
  return paymentEventOf(event);
}

function paymentEventOf(event: Stripe.Event): PaymentEvent | undefined {
  const base = { id: event.id, type: event.type };
  const money = (o: { amount: number; currency: string }) => ({
    amount: o.amount,
    currency: o.currency.toUpperCase(),
  });
  const kind = INTENT_KINDS[event.type];
  if (kind) {
    const intent = event.data.object as Stripe.PaymentIntent;
    const error = intent.last_payment_error;
    const declineCode = kind === 'failed' ? (error?.decline_code ?? error?.code) : undefined;
    return { ...base, kind, reference: intent.id, ...money(intent), ...(declineCode ? { declineCode } : {}) };
  }
  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    const reference = idOf(charge.payment_intent);
    if (!reference) return undefined;
    const fullRefund = charge.refunded || charge.amount_refunded >= charge.amount;
    return { ...base, kind: 'refunded', reference, ...money(charge), fullRefund };
  }
  if (event.type === 'charge.dispute.created') {
    const dispute = event.data.object;
    const reference = idOf(dispute.payment_intent);
    if (!reference) return undefined;
    return {
      ...base,
      kind: 'disputed',
      reference,
      ...money(dispute),
      dispute: { id: dispute.id, reason: dispute.reason },
    };
  }
  return undefined;
}

const INTENT_KINDS: Partial<Record<string, PaymentEvent['kind']>> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

// Stripe sends an id, or the object itself when the field was expanded.
const idOf = (value: string | { id: string } | null) => (typeof value === 'string' ? value : value?.id);
