import { createTokenVerifier, internalApiKeys } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { ReadCache } from '@shopeasy/service-kit/read-cache';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { CatalogAppDeps } from './app.js';
import type { CatalogConfig } from './config.js';
import { createCatalogRepository } from './data-access/catalog-repository.js';
import { createStockStream } from './data-access/stock-stream.js';
import { startReservationSweeper, type ReservationSweeper } from './domain/reservation-sweeper.js';
import { invalidatingStockEvents, PUBLIC_READS } from './http/read-cache.js';
import { startWorkers } from './worker/workers.js';

/** What runs beside the HTTP server, once started. */
export interface CatalogBackground {
  /** Releases reservations nobody confirmed in time; `runOnce()` lets tests trigger a pass. */
  reservationSweeper: ReservationSweeper;
}

/** What tests replace in the real wiring: metrics, and the read cache's clock. */
export type CatalogOverrides = MetricsOverride & { cacheClock?: () => number };

export interface CatalogWiring {
  /** What `buildApp` takes. */
  deps: CatalogAppDeps;
  /** Starts the inventory and ratings consumers the configuration enables and the reservation sweeper. */
  start(): CatalogBackground;
  /** The consumers finish their batch and checkpoint, the sweeper its pass; then metrics flush and the AWS clients close. */
  close(): Promise<void>;
}

/** Builds the catalog's adapters once from its configuration; starts nothing. */
export function wireCatalog(
  config: CatalogConfig,
  logger: Logger,
  overrides: CatalogOverrides = {},
): CatalogWiring {
  const aws = createAwsClients(config, 'catalog');
  const metrics = metricsFor('catalog', config, overrides);
  const store = createCatalogRepository(aws.dynamo, config.CATALOG_TABLE);
  const readCache = new ReadCache({
    operations: PUBLIC_READS,
    ttlMs: config.CATALOG_CACHE_TTL_MS,
    maxEntries: config.CATALOG_CACHE_MAX_ENTRIES,
    maxBytes: config.CATALOG_CACHE_MAX_BYTES,
    ...(overrides.cacheClock ? { now: overrides.cacheClock } : {}),
  });
  const stream = createStockStream(aws.kinesis, config.INVENTORY_STREAM, logger);
  const stockEvents = invalidatingStockEvents(stream, readCache);
  const deps: CatalogAppDeps = {
    logger,
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    store,
    stockEvents,
    currency: config.CATALOG_CURRENCY,
    reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
    internalApiKey: internalApiKeys(config),
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(metrics ? { metrics } : {}),
    readCache,
  };
  const running: { stop(): Promise<void> }[] = [];
  let closed: Promise<void> | undefined;
  return {
    deps,
    start() {
      const reservationSweeper = startReservationSweeper(
        {
          store,
          events: stockEvents,
          now: () => new Date().toISOString(),
          newId,
          reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
        },
        logger,
        config.RESERVATION_SWEEP_INTERVAL_MS,
      );
      running.push(
        startWorkers(config, { aws, store, logger, ...(metrics ? { metrics } : {}) }),
        reservationSweeper,
      );
      return { reservationSweeper };
    },
    close: () =>
      (closed ??= (async () => {
        // Workers first: their last batch still records metrics and writes through the clients.
        await Promise.all(running.map((work) => work.stop()));
        metrics?.stop();
        aws.destroy();
      })()),
  };
}
