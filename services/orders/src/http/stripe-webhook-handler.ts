import { ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import type { operations } from '@shopeasy/api-client/types/orders';
import { applyPaymentEvent } from '../domain/payment-events.js';
import type { DomainDeps } from '../domain/ports.js';
import { verifyStripeEvent } from '../payments/stripe-webhook.js';

type Input = Parameters<Handlers<operations>['receiveStripeWebhook']>[0];

/**
 * Stripe's webhook: verified on the raw bytes before anything is read or changed (400 otherwise),
 * then applied once; a type ShopEasy does not handle is acknowledged. Without its secret it
 * answers 503, so Stripe delivers again once the secret is set.
 */
export async function receiveStripeWebhook(
  deps: DomainDeps,
  secret: string | undefined,
  { headers, rawBody }: Input,
) {
  if (!secret)
    throw new ServiceUnavailableError('Webhooks are not configured: STRIPE_WEBHOOK_SECRET is not set.', 60);
  const event = verifyStripeEvent(rawBody, headers['stripe-signature'], secret, deps.now());
  if (event) await applyPaymentEvent(deps, event);
  else deps.logger.info({ eventType: 'unhandled' }, 'Stripe event type not handled; acknowledged');
  return { status: 200 as const, body: { received: true as const } };
}
