import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import {
  createServiceApp,
  type OverloadLimits,
  type ReadinessCheck,
  type Router,
} from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { Express } from 'express';
import type { DomainDeps } from './domain/ports.js';
import { ordersHandlers } from './http/handlers.js';
import { paymentKeyCheck, withoutCheckout } from './payments/unconfigured.js';

/** The ports the orders app is built from (wireOrders builds them from configuration). */
export interface OrdersAppDeps {
  /** What the use cases need: stores, peers, payment provider, clock. */
  domain: DomainDeps;
  verifier: TokenVerifier;
  logger: Logger;
  /** What /internal/ operations accept in X-Internal-Key (more than one during a rotation). */
  internalApiKey: string | readonly string[];
  /** The service's own checks for /health/ready (its table). */
  readiness: ReadinessCheck[];
  /** Stripe's webhook signing secret; undefined while not set (webhooks answer 503). */
  stripeWebhookSecret: string | undefined;
  /** The payment key's variable while it is not set: checkout answers 503, readiness degraded. */
  missingPaymentKey?: string;
  /** A reply that breaks the contract is a 500 (tests) instead of a log line. */
  strictResponses: boolean;
  overload: OverloadLimits;
  metrics?: ServiceMetrics;
  /** The payment sandbox's own calls (completing a payment's action), when the sandbox is the provider. */
  localRoutes?: { prefix: string; router: Router };
}

/** The orders service's Express app. It never listens and starts no timers. */
export async function buildApp(deps: OrdersAppDeps): Promise<Express> {
  const missingKey = deps.missingPaymentKey;
  const handlers = ordersHandlers(deps.domain, deps.stripeWebhookSecret);
  return createServiceApp({
    service: 'orders',
    handlers: missingKey ? withoutCheckout(handlers, missingKey) : handlers,
    verifier: deps.verifier,
    logger: deps.logger,
    internalApiKey: deps.internalApiKey,
    readiness: [...deps.readiness, ...(missingKey ? [paymentKeyCheck(missingKey)] : [])],
    strictResponses: deps.strictResponses,
    overload: deps.overload,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.localRoutes ? { localRoutes: deps.localRoutes } : {}),
  });
}
