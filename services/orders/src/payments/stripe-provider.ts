import Stripe from 'stripe';
import {
  PaymentProviderUnavailableError,
  type ChargeResult,
  type PaymentProvider,
} from '../domain/payment-provider.js';

export interface StripeOptions {
  secretKey: string;
  /** Another API base (stripe-mock in tests), e.g. http://127.0.0.1:12111; unset = api.stripe.com. */
  apiUrl?: string;
  timeoutMs?: number;
}

/**
 * Payments through Stripe's official SDK: a PaymentIntent created and confirmed in one call
 * with the customer's payment method, under an idempotency key, so a retried charge answers the
 * first result. Declines come back as card errors and are answered as declined charges; a card
 * that asks for authentication (3-D Secure) answers `requires_action` with the client secret
 * Stripe.js completes it with, and Stripe's webhook reports the outcome.
 */
export function createStripeProvider(options: StripeOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 20_000,
    ...(options.apiUrl ? endpointOf(options.apiUrl) : {}),
  });
  return {
    name: 'stripe',

    async charge(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            payment_method: request.paymentMethodId,
            confirm: true,
            // Cards only, 3-D Secure included (Stripe.js runs it in the page): no redirect methods.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            ...(request.description ? { description: request.description } : {}),
            metadata: { idempotencyKey: request.idempotencyKey },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return chargeResult(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          return {
            status: 'declined',
            reference: error.payment_intent?.id ?? `declined_${request.idempotencyKey}`,
            declineCode: error.decline_code ?? error.code ?? 'card_declined',
          };
        }
        throw unavailable(error);
      }
    },

    async refund({ reference, idempotencyKey }) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: reference }, { idempotencyKey });
        return { reference: refund.id, status: refund.status === 'succeeded' ? 'succeeded' : 'pending' };
      } catch (error) {
        throw unavailable(error);
      }
    },

    async cancel(reference) {
      try {
        const intent = await stripe.paymentIntents.cancel(
          reference,
          {},
          { idempotencyKey: `cancel_${reference}` },
        );
        return intent.status === 'succeeded' ? 'succeeded' : 'canceled';
      } catch (error) {
        // Stripe refuses to cancel an intent that has succeeded (or was cancelled already).
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw unavailable(error);
        const intent = await stripe.paymentIntents.retrieve(reference).catch((cause: unknown) => {
          throw unavailable(cause);
        });
        return intent.status === 'succeeded' ? 'succeeded' : 'canceled';
      }
    },

    // Search is eventually consistent (Stripe documents up to a minute): recovery only asks
    // about charges older than that.
    async findCharge(idempotencyKey) {
      try {
        const found = await stripe.paymentIntents.search({
          query: `metadata['idempotencyKey']:'${idempotencyKey}'`,
          limit: 1,
        });
        return found.data[0] ? chargeResult(found.data[0]) : undefined;
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

/** A PaymentIntent as a charge result: anything but succeeded did not take the money (yet). */
export function chargeResult(
  intent: Pick<Stripe.PaymentIntent, 'id' | 'status' | 'last_payment_error' | 'client_secret'>,
): ChargeResult {
  if (intent.status === 'succeeded') return { status: 'succeeded', reference: intent.id };
  if (intent.status === 'requires_action' && intent.client_secret)
    return { status: 'requires_action', reference: intent.id, clientSecret: intent.client_secret };
  const declineCode =
    intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? intent.status;
  return { status: 'declined', reference: intent.id, declineCode };
}

function endpointOf(apiUrl: string) {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol } as const;
}

// Errors that are not a decline: Stripe or the network failed, or the request was refused
// (an idempotency-key clash, a bad key). None of them says the charge happened.
function unavailable(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new PaymentProviderUnavailableError(`Stripe: ${message}`, { cause: error });
}
