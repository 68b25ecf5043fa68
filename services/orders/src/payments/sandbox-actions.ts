import { ConflictError, NotFoundError } from '@shopeasy/service-kit/errors';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import { localRouter, type Router } from '@shopeasy/service-kit/http';
import type { SandboxCharge, SandboxLedger } from './sandbox-ledger.js';
import { deliverStripeEvent, stripeEvent } from './sandbox-webhooks.js';

export interface SandboxActionOptions {
  ledger: SandboxLedger;
  /** Where the signed webhook goes (the local gateway's); unset: this service's own webhook operation. */
  webhookUrl: string | undefined;
  webhookSecret: string;
  logger: Logger;
  /** The service's clock (epoch ms): events are signed at its time, as the webhook checks them against it. */
  now: () => number;
}

const OUTCOMES = {
  'complete-action': { status: 'succeeded', type: 'payment_intent.succeeded' },
  'fail-action': { status: 'declined', type: 'payment_intent.payment_failed' },
} as const;

const WEBHOOK_PATH = '/v1/payments/stripe/webhook';

// Stripe's code for a failed 3-D Secure challenge.
const AUTHENTICATION_FAILURE = 'payment_intent_authentication_failure';

/**
 * The sandbox's part of Stripe.js and the 3-D Secure page: `POST /sandbox/payment-intents/{id}/
 * complete-action` (or `fail-action`) decides a payment waiting for the customer's action, then
 * delivers the signed webhook Stripe would send (answered 200 with the event and the webhook's
 * status). Calling it again delivers the same event again (same id); a payment not waiting for
 * an action answers 409, an unknown one 404. Local only: no contract, never routed by a gateway.
 */
export function sandboxActionRoutes(options: SandboxActionOptions): { prefix: string; router: Router } {
  const router = localRouter();
  router.post('/payment-intents/:id/:action', async (req, res) => {
    const outcome = OUTCOMES[req.params.action as keyof typeof OUTCOMES];
    if (!outcome) throw new NotFoundError('No such route.');
    const reference = req.params.id;
    const to =
      outcome.status === 'declined'
        ? { status: outcome.status, declineCode: AUTHENTICATION_FAILURE }
        : { status: outcome.status };
    const after = await options.ledger.move(reference, ['requires_action'], to);
    if (!after) throw new NotFoundError(`No sandbox payment intent ${reference}.`);
    if (!after.moved && after.charge.status !== outcome.status)
      throw new ConflictError(
        `The payment intent is ${after.charge.status}: it is not waiting for an action.`,
      );
    const event = stripeEvent(
      outcome.type,
      intentOf(after.charge),
      `evt_sandbox_${outcome.status}_${reference.slice(3)}`,
    );
    const webhookUrl = options.webhookUrl ?? `http://127.0.0.1:${req.socket.localPort}${WEBHOOK_PATH}`;
    const webhookStatus = await deliverStripeEvent(webhookUrl, event, {
      secret: options.webhookSecret,
      timestamp: Math.floor(options.now() / 1000),
    });
    options.logger.info(
      { reference, eventType: outcome.type, webhookStatus },
      'sandbox payment action decided',
    );
    res.status(200).json({
      paymentIntent: {
        id: reference,
        status: outcome.status === 'declined' ? 'requires_payment_method' : 'succeeded',
      },
      event: { id: event.id, type: outcome.type },
      webhook: { url: webhookUrl, status: webhookStatus },
    });
  });
  return { prefix: '/sandbox', router };
}

/** The PaymentIntent as Stripe puts it in the event (the fields ShopEasy reads). */
function intentOf(charge: SandboxCharge): Record<string, unknown> {
  const failed = charge.status === 'declined';
  return {
    id: charge.reference,
    object: 'payment_intent',
    amount: charge.amount,
    currency: charge.currency.toLowerCase(),
    status: failed ? 'requires_payment_method' : 'succeeded',
    ...(failed ? { last_payment_error: { type: 'card_error', code: charge.declineCode } } : {}),
  };
}
