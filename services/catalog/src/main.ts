import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTokenVerifier, internalApiKeys } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import {
  overloadLimits,
  type RunningServer,
  shutdownOnSignals,
  startServer,
} from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger, createServiceMetrics, type Logger } from '@shopeasy/service-kit/telemetry';
import { buildApp } from './app.js';
import { loadCatalogConfig, type CatalogConfig } from './config.js';
import { createCatalogRepository } from './data-access/catalog-repository.js';
import { createStockStream } from './data-access/stock-stream.js';
import { startReservationSweeper, type ReservationSweeper } from './domain/reservation-sweeper.js';
import { startWorkers } from './worker/workers.js';

export interface RunningCatalog {
  server: RunningServer;
  logger: Logger;
  /** Releases reservations nobody confirmed in time; `runOnce()` lets tests trigger a pass. */
  reservationSweeper: ReservationSweeper;
  /** Stops accepting, finishes in-flight requests, stops the consumers, releases the AWS clients. */
  stop(graceMs?: number): Promise<void>;
  /** The second half of stop(): consumers finish their batch and checkpoint, clients close. */
  stopWorkers(): Promise<void>;
}

/**
 * Wires the catalog from its configuration, listens (port 0: any free port) and starts the
 * inventory and ratings consumers unless disabled, and the expired-reservation sweeper.
 */
export async function startCatalog(config: CatalogConfig = loadCatalogConfig()): Promise<RunningCatalog> {
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const aws = createAwsClients(config);
  const metrics = createServiceMetrics('catalog', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
  const store = createCatalogRepository(aws.dynamo, config.CATALOG_TABLE, {
    eventMarkerTtlSeconds: config.INVENTORY_EVENT_MARKER_TTL_HOURS * 3600,
  });
  const stockEvents = createStockStream(aws.kinesis, config.INVENTORY_STREAM, logger);
  const app = await buildApp({
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
    metrics,
  });
  const server = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: server.url, table: config.CATALOG_TABLE }, 'catalog listening');
  const workers = startWorkers(config, { aws, store, logger, metrics });
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
  let stopped: Promise<void> | undefined;
  const stopWorkers = () =>
    (stopped ??= Promise.all([workers.stop(), reservationSweeper.stop()]).then(() => {
      metrics.stop();
      aws.dynamo.destroy();
      aws.kinesis.destroy();
      aws.sqs.destroy();
    }));
  return {
    server,
    logger,
    reservationSweeper,
    async stop(graceMs = config.SHUTDOWN_GRACE_MS) {
      await server.close(graceMs);
      await stopWorkers();
    },
    stopWorkers,
  };
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
}

if (isEntryPoint()) {
  const config = loadCatalogConfig();
  const { server, logger, stopWorkers } = await startCatalog(config);
  // SIGTERM: not ready, in-flight requests finish, then the consumers finish their batch and
  // checkpoint and the reservation sweeper finishes its pass.
  shutdownOnSignals(server, logger, { graceMs: config.SHUTDOWN_GRACE_MS, onStop: stopWorkers });
}
