import Stripe from 'stripe';

/** The signing secret a local stack and its tests use unless STRIPE_WEBHOOK_SECRET says otherwise. */
export const LOCAL_WEBHOOK_SECRET = 'whsec_shopeasy_local';

/** A Stripe-shaped event about a payment, as Stripe would deliver it (only the fields ShopEasy reads). */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  id = `evt_sandbox_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
): Record<string, unknown> {
  return {
    id,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  };
}

/** The body and Stripe-Signature header Stripe would send, signed with `secret` at `timestamp` (s). */
export function signStripeEvent(
  event: Record<string, unknown>,
  secret = LOCAL_WEBHOOK_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const payload = JSON.stringify(event);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) };
}

/** Delivers a signed event to an orders service (or the gateway) as Stripe does; answers the status. */
export async function deliverStripeEvent(
  baseUrl: string,
  event: Record<string, unknown>,
  options: { secret?: string; timestamp?: number } = {},
): Promise<number> {
  const { payload, signature } = signStripeEvent(event, options.secret, options.timestamp);
  const response = await fetch(new URL('/v1/payments/stripe/webhook', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature },
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}
