import { peerTimeoutSetting } from '@shopeasy/service-kit/calls';
import { ConfigError, cloudRules, localDefault, parseConfig } from '@shopeasy/service-kit/config';
import { EVENTS_TOPIC_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';
import { RECOVERY_BACKOFF_MAX_MS } from './domain/recovery-backoff.js';

const local = localEnvironment();

/**
 * What the stack stores in the Stripe key's secret until operations set the real key: orders then
 * starts, reports the key missing in /health/ready and answers checkout 503.
 */
export const UNSET_SECRET = 'UNSET';

const ordersShape = {
  [TABLE_ENV.orders]: localDefault(z.string().min(1), local.ORDERS_TABLE),
  [EVENTS_TOPIC_ENV]: localDefault(z.string().min(1), local.EVENTS_TOPIC_ARN),
  CART_URL: localDefault(z.url(), 'http://127.0.0.1:8083'),
  CATALOG_URL: localDefault(z.url(), 'http://127.0.0.1:8082'),
  PEER_TIMEOUT_MS: peerTimeoutSetting(5_000),
  PAYMENT_PROVIDER: z.enum(['sandbox', 'stripe']).optional(),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Another Stripe API base, e.g. stripe-mock; unset = api.stripe.com. */
  STRIPE_API_URL: z.url().optional(),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  /** How long a customer has to authenticate a payment (3-D Secure) before the order is cancelled. */
  PAYMENT_ACTION_WINDOW_SECONDS: z.coerce.number().int().min(60).default(900),
  /**
   * Where the sandbox delivers the signed webhook once a payment's action is completed or failed
   * (POST /sandbox/payment-intents/{id}/complete-action|fail-action); unset: those calls are not served.
   */
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  SANDBOX_PAYMENT_DELAY_MS: z.coerce.number().int().min(0).default(0),
  IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 3600),
  CHECKOUT_LEASE_MS: z.coerce.number().int().min(100).default(5_000),
  CHECKOUT_RESUME_WINDOW_SECONDS: z.coerce.number().int().min(0).default(3600),
  RECOVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  RECOVERY_STALE_SECONDS: z.coerce.number().min(0).default(15),
  /** The catalog's RESERVATION_TTL_SECONDS: how long reserved stock is held unless confirmed. */
  RESERVATION_TTL_SECONDS: localDefault(z.coerce.number().int().min(1), 7200),
  /** Stripe's webhook signing secret (whsec_…); from Secrets Manager in the cloud. */
  STRIPE_WEBHOOK_SECRET: localDefault(z.string().min(1), 'whsec_shopeasy_local'),
} as const;

// Recovery may charge a checkout up to the resume window after it began, later still while the
// order waits out its back-off: the hold must outlast both, or it would lapse under a charge.
function holdOutlastsRecovery(config: {
  RESERVATION_TTL_SECONDS: number;
  CHECKOUT_RESUME_WINDOW_SECONDS: number;
}) {
  const neededMs = config.CHECKOUT_RESUME_WINDOW_SECONDS * 1000 + RECOVERY_BACKOFF_MAX_MS;
  return config.RESERVATION_TTL_SECONDS * 1000 > neededMs
    ? []
    : [
        `RESERVATION_TTL_SECONDS: must be longer than CHECKOUT_RESUME_WINDOW_SECONDS plus the recovery back-off (${neededMs / 1000} s)`,
      ];
}

// A payment authenticated at the last moment of its window must still find its stock held.
function holdOutlastsAction(config: {
  RESERVATION_TTL_SECONDS: number;
  PAYMENT_ACTION_WINDOW_SECONDS: number;
  PAYMENT_TIMEOUT_MS: number;
}) {
  const neededMs = config.PAYMENT_ACTION_WINDOW_SECONDS * 1000 + config.PAYMENT_TIMEOUT_MS;
  return config.RESERVATION_TTL_SECONDS * 1000 > neededMs
    ? []
    : [
        `RESERVATION_TTL_SECONDS: must be longer than PAYMENT_ACTION_WINDOW_SECONDS plus PAYMENT_TIMEOUT_MS (${neededMs / 1000} s)`,
      ];
}

/**
 * The orders service's configuration. Production names its payment provider explicitly (the
 * sandbox is only the local default). Stripe without its secret key (unset, or still the
 * UNSET placeholder) is not a start-up failure but a known state: `missingPaymentKey` names the
 * variable, readiness fails on it and checkout answers 503 until the key is set.
 */
export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env) {
  const { config: parsed, problems } = parseConfig(8084, ordersShape, env);
  if (cloudRules(parsed) && !parsed.PAYMENT_PROVIDER)
    problems.push('PAYMENT_PROVIDER: required in the cloud');
  if (problems.length === 0) problems.push(...holdOutlastsRecovery(parsed), ...holdOutlastsAction(parsed));
  if (problems.length > 0) throw new ConfigError(problems);
  const provider = parsed.PAYMENT_PROVIDER ?? 'sandbox';
  const stripeKey = parsed.STRIPE_SECRET_KEY?.trim() === UNSET_SECRET ? undefined : parsed.STRIPE_SECRET_KEY;
  const missingPaymentKey = provider === 'stripe' && !stripeKey ? ('STRIPE_SECRET_KEY' as const) : undefined;
  return Object.freeze({
    ...parsed,
    PAYMENT_PROVIDER: provider,
    STRIPE_SECRET_KEY: stripeKey,
    // Still the placeholder: webhooks answer 503 until operations set it.
    STRIPE_WEBHOOK_SECRET:
      parsed.STRIPE_WEBHOOK_SECRET.trim() === UNSET_SECRET ? undefined : parsed.STRIPE_WEBHOOK_SECRET,
    missingPaymentKey,
  });
}

export type OrdersConfig = ReturnType<typeof loadOrdersConfig>;
