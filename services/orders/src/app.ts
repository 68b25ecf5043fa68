import { createTokenVerifier, internalApiKeys, type TokenVerifier } from '@shopeasy/service-kit/auth';
import { tableReadiness, type AwsClients } from '@shopeasy/service-kit/aws';
import { createServiceApp, overloadLimits } from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { Express } from 'express';
import { createCartClient } from './clients/cart-client.js';
import { createCatalogClient } from './clients/catalog-client.js';
import type { OrdersConfig } from './config.js';
import { createIdempotencyRepository } from './data-access/idempotency-repository.js';
import { createOrderEvents } from './data-access/order-events.js';
import { createOrderRepository } from './data-access/order-repository.js';
import { createPurchaseRepository } from './data-access/purchase-repository.js';
import type { PaymentProvider } from './domain/payment-provider.js';
import type { DomainDeps } from './domain/ports.js';
import { startSweeper, type Sweeper } from './domain/recovery.js';
import { ordersHandlers } from './http/handlers.js';
import { createPaymentProvider } from './payments/create-provider.js';
import { paymentKeyCheck, withoutCheckout } from './payments/unconfigured.js';

export { loadOrdersConfig, type OrdersConfig } from './config.js';
export type { PaymentProvider } from './domain/payment-provider.js';
export type { Sweeper } from './domain/recovery.js';

export interface AppDeps {
  config: OrdersConfig;
  logger: Logger;
  aws: Pick<AwsClients, 'dynamo' | 'sns'>;
  /** Overrides JWKS_URL verification (tests with their own issuer pass one). */
  verifier?: TokenVerifier;
  /** Overrides PAYMENT_PROVIDER. */
  payments?: PaymentProvider;
  /** Test-only: see DomainDeps.checkpoint. */
  checkpoint?: DomainDeps['checkpoint'];
  /** Epoch ms for leases and expiries (tests move time by hand); the system clock otherwise. */
  now?: () => number;
  /** Per-operation and business metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
}

/** The use cases' dependencies, wired from configuration. */
export function createDomain(deps: AppDeps): DomainDeps {
  const { config, aws } = deps;
  const table = config.ORDERS_TABLE;
  return {
    orders: createOrderRepository(aws.dynamo, table),
    idempotency: createIdempotencyRepository(aws.dynamo, table),
    purchases: createPurchaseRepository(aws.dynamo, table),
    catalog: createCatalogClient({
      baseUrl: config.CATALOG_URL,
      internalKey: config.INTERNAL_API_KEY,
      timeoutMs: config.PEER_TIMEOUT_MS,
      logger: deps.logger,
    }),
    cart: createCartClient({ baseUrl: config.CART_URL, timeoutMs: config.PEER_TIMEOUT_MS }),
    payments: deps.payments ?? createPaymentProvider(config, aws.dynamo),
    events: createOrderEvents(aws.sns, config.EVENTS_TOPIC_ARN),
    logger: deps.logger,
    settings: {
      leaseMs: config.CHECKOUT_LEASE_MS,
      idempotencyTtlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
      resumeWindowMs: config.CHECKOUT_RESUME_WINDOW_SECONDS * 1000,
    },
    now: deps.now ?? (() => Date.now()),
    ...(deps.checkpoint ? { checkpoint: deps.checkpoint } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  };
}

/** The orders service's Express app. It never listens and starts no timers (see startRecovery). */
export async function buildApp(deps: AppDeps): Promise<Express> {
  const { config, logger } = deps;
  // A payment key still to be set is reported, not fatal; an injected provider needs none.
  const missingKey = deps.payments ? undefined : config.missingPaymentKey;
  const handlers = ordersHandlers(createDomain(deps));
  return createServiceApp({
    service: 'orders',
    handlers: missingKey ? withoutCheckout(handlers, missingKey) : handlers,
    verifier:
      deps.verifier ??
      createTokenVerifier({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        jwks: config.JWKS_URL,
      }),
    logger,
    internalApiKey: internalApiKeys(config),
    readiness: [
      tableReadiness(deps.aws.dynamo, config.ORDERS_TABLE, 'orders-table'),
      ...(missingKey ? [paymentKeyCheck(missingKey)] : []),
    ],
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}

/**
 * The recovery sweeper: one pass now, then every RECOVERY_INTERVAL_MS, finishing orders that a
 * dead process left unfinished. main.ts stops it on shutdown.
 */
export function startRecovery(deps: AppDeps): Sweeper {
  return startSweeper(createDomain(deps), {
    intervalMs: deps.config.RECOVERY_INTERVAL_MS,
    staleMs: deps.config.RECOVERY_STALE_SECONDS * 1000,
  });
}
