import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createAwsClients,
  createLogger,
  createTokenVerifier,
  shutdownOnSignals,
  startServer,
  type Logger,
  type RunningServer,
} from '@shopeasy/service-kit';
import { buildApp } from './app.js';
import { loadCatalogConfig, type CatalogConfig } from './config.js';
import { createCatalogRepository } from './data-access/catalog-repository.js';

export interface RunningCatalog {
  server: RunningServer;
  logger: Logger;
  /** Stops accepting, finishes in-flight requests, releases the AWS client. */
  stop(graceMs?: number): Promise<void>;
}

/** Wires the catalog from its configuration and listens (port 0: any free port). */
export async function startCatalog(config: CatalogConfig = loadCatalogConfig()): Promise<RunningCatalog> {
  const logger = createLogger('catalog', config.LOG_LEVEL);
  const aws = createAwsClients(config);
  const app = await buildApp({
    logger,
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    store: createCatalogRepository(aws.dynamo, config.CATALOG_TABLE),
    currency: config.CATALOG_CURRENCY,
    internalApiKey: config.INTERNAL_API_KEY,
    strictResponses: config.NODE_ENV === 'test',
  });
  const server = await startServer(app, config.PORT, config.HOST);
  logger.info({ url: server.url, table: config.CATALOG_TABLE }, 'catalog listening');
  return {
    server,
    logger,
    async stop(graceMs = config.SHUTDOWN_GRACE_MS) {
      await server.close(graceMs);
      aws.dynamo.destroy();
    },
  };
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
}

if (isEntryPoint()) {
  const config = loadCatalogConfig();
  const { server, logger } = await startCatalog(config);
  shutdownOnSignals(server, logger, { graceMs: config.SHUTDOWN_GRACE_MS });
}
