import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import { createServiceApp, type OverloadLimits } from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { CartRepository } from './data-access/cart-repository.js';
import type { CartLimits } from './domain/model.js';
import type { CatalogPort } from './domain/ports.js';
import { cartHandlers } from './http/handlers.js';

export interface CartAppDeps {
  logger: Logger;
  verifier: TokenVerifier;
  store: CartRepository;
  catalog: CatalogPort;
  limits: CartLimits;
  /** A response that breaks the contract is a 500 (tests) instead of a logged error. */
  strictResponses: boolean;
  /** Request budget and in-flight limit; the kit's defaults when left out. */
  overload?: OverloadLimits;
  now?: () => Date;
  /** Per-operation metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
}

/**
 * The cart service's Express app, built from its ports; it never listens. Ready means
 * its own table answers: the catalog is only needed to add or raise quantities, and reading,
 * lowering, removing and clearing keep working while it is down.
 */
export async function buildApp(deps: CartAppDeps): ReturnType<typeof createServiceApp> {
  const handlers = cartHandlers({
    store: deps.store,
    catalog: deps.catalog,
    limits: deps.limits,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
  });
  return createServiceApp({
    service: 'cart',
    handlers,
    verifier: deps.verifier,
    logger: deps.logger,
    strictResponses: deps.strictResponses,
    ...(deps.overload ? { overload: deps.overload } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    readiness: [{ name: 'cart-table', check: () => deps.store.ping() }],
  });
}
