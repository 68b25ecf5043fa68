import { ConfigError, loadConfig } from '@shopeasy/service-kit';
import { EVENTS_TOPIC_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();

const ordersShape = {
  [TABLE_ENV.orders]: z.string().min(1).default(local.ORDERS_TABLE),
  [EVENTS_TOPIC_ENV]: z.string().min(1).default(local.EVENTS_TOPIC_ARN),
  CART_URL: z.url().default('http://127.0.0.1:8083'),
  CATALOG_URL: z.url().default('http://127.0.0.1:8082'),
  PAYMENT_PROVIDER: z.enum(['sandbox', 'stripe']).optional(),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Another Stripe API base, e.g. stripe-mock; unset = api.stripe.com. */
  STRIPE_API_URL: z.url().optional(),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
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
} as const;

/**
 * The orders service's configuration. Production names its payment provider explicitly (the
 * sandbox is only the local default) and Stripe needs its secret key.
 */
export function loadOrdersConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = loadConfig(8084, ordersShape, env);
  const issues: string[] = [];
  if (parsed.NODE_ENV === 'production' && !parsed.PAYMENT_PROVIDER)
    issues.push('PAYMENT_PROVIDER: required in production');
  const provider = parsed.PAYMENT_PROVIDER ?? 'sandbox';
  if (provider === 'stripe' && !parsed.STRIPE_SECRET_KEY)
    issues.push('STRIPE_SECRET_KEY: required when PAYMENT_PROVIDER=stripe');
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze({ ...parsed, PAYMENT_PROVIDER: provider });
}

export type OrdersConfig = ReturnType<typeof loadOrdersConfig>;
