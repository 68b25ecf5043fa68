import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import { createServiceApp, type OverloadLimits } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { withReadCache, type ReadCache } from '@shopeasy/service-kit/read-cache';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { CatalogRepository } from './data-access/catalog-repository.js';
import { noStockEvents } from './data-access/stock-stream.js';
import type { StockEvents } from './domain/inventory-ports.js';
import { catalogHandlers } from './http/handlers.js';
import { invalidatingWrites } from './http/read-cache.js';

export interface CatalogAppDeps {
  logger: Logger;
  verifier: TokenVerifier;
  store: CatalogRepository;
  /** Where committed stock changes are published (the inventory stream); nowhere when left out. */
  stockEvents?: StockEvents;
  /** The one currency the catalog prices in. */
  currency: string;
  /** Keys the `/internal/` stock-reservation operations accept (X-Internal-Key). */
  internalApiKey: string | readonly string[];
  /** A response that breaks the contract is a 500 (tests) instead of a logged error. */
  strictResponses: boolean;
  /** Request budget and in-flight limit; the kit's defaults when left out. */
  overload?: OverloadLimits;
  /** How long a reservation holds its units unless it is confirmed; 7200 s when left out. */
  reservationTtlSeconds?: number;
  now?: () => string;
  newId?: (prefix: string) => string;
  /** Per-operation and business metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
  /** Keeps public reads for a few seconds; every read goes to the table when left out. */
  readCache?: ReadCache;
}

/** Builds the catalog's Express app from its ports; it never listens. */
export async function buildApp(deps: CatalogAppDeps): ReturnType<typeof createServiceApp> {
  const fresh = catalogHandlers({
    store: deps.store,
    currency: deps.currency,
    now: deps.now ?? (() => new Date().toISOString()),
    newId: deps.newId ?? newId,
    events: deps.stockEvents ?? noStockEvents,
    reservationTtlSeconds: deps.reservationTtlSeconds ?? 7200,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const handlers = invalidatingWrites(fresh, deps.readCache);
  const app = await createServiceApp({
    service: 'catalog',
    handlers,
    verifier: deps.verifier,
    logger: deps.logger,
    internalApiKey: deps.internalApiKey,
    strictResponses: deps.strictResponses,
    ...(deps.overload ? { overload: deps.overload } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    readiness: [{ name: 'catalog-table', check: () => deps.store.ping() }],
  });
  if (!deps.readCache) return app;
  return withReadCache(app, deps.readCache, {
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}
