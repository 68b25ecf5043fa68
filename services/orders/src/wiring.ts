import { createTokenVerifier, internalApiKeys, type TokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients, tableReadiness } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { OrdersAppDeps } from './app.js';
import { createCartClient } from './clients/cart-client.js';
import { createCatalogClient } from './clients/catalog-client.js';
import type { OrdersConfig } from './config.js';
import { createIdempotencyRepository } from './data-access/idempotency-repository.js';
import { createOrderEvents } from './data-access/order-events.js';
import { createOrderRepository } from './data-access/order-repository.js';
import { createPaymentLedger } from './data-access/payment-ledger.js';
import { createPurchaseRepository } from './data-access/purchase-repository.js';
import type { PaymentProvider } from './domain/payment-provider.js';
import type { DomainDeps } from './domain/ports.js';
import { startSweeper, type Sweeper } from './domain/recovery.js';
import { createPaymentProvider } from './payments/create-provider.js';
import { sandboxActionRoutes } from './payments/sandbox-actions.js';
import { sandboxLedger } from './payments/sandbox-ledger.js';

/** What a test puts in place of the configured adapters. */
export interface OrdersOverrides extends MetricsOverride {
  /** In place of the provider PAYMENT_PROVIDER names (a missing payment key then counts as set). */
  payments?: PaymentProvider;
  /** In place of JWKS_URL verification (tests with their own issuer). */
  verifier?: TokenVerifier;
  /** Epoch ms for leases and expiries (tests move time by hand); the system clock otherwise. */
  now?: () => number;
  /** Test-only: see DomainDeps.onCheckoutStep. */
  onCheckoutStep?: DomainDeps['onCheckoutStep'];
}

export interface WiredOrders {
  /** What buildApp takes. */
  deps: OrdersAppDeps;
  /**
   * Starts the recovery sweeper: one pass now, then every RECOVERY_INTERVAL_MS, finishing orders
   * that a dead process left unfinished. close() stops it.
   */
  start(): Sweeper;
  /** Stops what was started (sweepers, metrics) and closes the AWS clients, in that order. */
  close(): Promise<void>;
}

/** The orders service's adapters, built once from its configuration; starts nothing. */
export function wireOrders(
  config: OrdersConfig,
  logger: Logger,
  overrides: OrdersOverrides = {},
): WiredOrders {
  const aws = createAwsClients(config, 'orders');
  const table = config.ORDERS_TABLE;
  const metrics = metricsFor('orders', config, overrides);
  // A payment key still to be set is reported, not fatal; an injected provider needs none.
  const missingPaymentKey = overrides.payments ? undefined : config.missingPaymentKey;
  if (missingPaymentKey)
    logger.warn({ variable: missingPaymentKey }, 'payment key not set: degraded, checkout answers 503');
  const domain: DomainDeps = {
    orders: createOrderRepository(aws.dynamo, table),
    idempotency: createIdempotencyRepository(aws.dynamo, table),
    purchases: createPurchaseRepository(aws.dynamo, table),
    ledger: createPaymentLedger(aws.dynamo, table),
    catalog: createCatalogClient({
      baseUrl: config.CATALOG_URL,
      internalKey: config.INTERNAL_API_KEY,
      timeoutMs: config.PEER_TIMEOUT_MS,
      logger,
    }),
    cart: createCartClient({ baseUrl: config.CART_URL, timeoutMs: config.PEER_TIMEOUT_MS }),
    payments: overrides.payments ?? createPaymentProvider(config, aws.dynamo),
    events: createOrderEvents(aws.sns, config.EVENTS_TOPIC_ARN),
    logger,
    settings: {
      leaseMs: config.CHECKOUT_LEASE_MS,
      idempotencyTtlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
      resumeWindowMs: config.CHECKOUT_RESUME_WINDOW_SECONDS * 1000,
      holdMs: config.RESERVATION_TTL_SECONDS * 1000,
      paymentTimeoutMs: config.PAYMENT_TIMEOUT_MS,
      actionWindowMs: config.PAYMENT_ACTION_WINDOW_SECONDS * 1000,
    },
    now: overrides.now ?? (() => Date.now()),
    ...(overrides.onCheckoutStep ? { onCheckoutStep: overrides.onCheckoutStep } : {}),
    ...(metrics ? { metrics } : {}),
  };
  // The sandbox plays Stripe's part locally: it decides payments waiting for an action on a call.
  const localRoutes =
    config.PAYMENT_PROVIDER === 'sandbox' && config.STRIPE_WEBHOOK_SECRET
      ? sandboxActionRoutes({
          ledger: sandboxLedger(aws.dynamo, table),
          webhookUrl: config.SANDBOX_WEBHOOK_URL,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          logger,
          now: domain.now,
        })
      : undefined;
  const sweepers: Sweeper[] = [];
  return {
    deps: {
      domain,
      verifier:
        overrides.verifier ??
        createTokenVerifier({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          jwks: config.JWKS_URL,
        }),
      logger,
      internalApiKey: internalApiKeys(config),
      stripeWebhookSecret: config.STRIPE_WEBHOOK_SECRET,
      readiness: [tableReadiness(aws.dynamo, table, 'orders-table')],
      ...(missingPaymentKey ? { missingPaymentKey } : {}),
      strictResponses: config.NODE_ENV === 'test',
      overload: overloadLimits(config),
      ...(metrics ? { metrics } : {}),
      ...(localRoutes ? { localRoutes } : {}),
    },
    start() {
      const sweeper = startSweeper(domain, {
        intervalMs: config.RECOVERY_INTERVAL_MS,
        staleMs: config.RECOVERY_STALE_SECONDS * 1000,
      });
      sweepers.push(sweeper);
      return sweeper;
    },
    async close() {
      await Promise.all(sweepers.map((sweeper) => sweeper.stop()));
      metrics?.stop();
      aws.destroy();
    },
  };
}
