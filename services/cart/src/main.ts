import {
  createAwsClients,
  createLogger,
  createTokenVerifier,
  shutdownOnSignals,
  startServer,
} from '@shopeasy/service-kit';
import { buildApp } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import { loadCartConfig } from './config.js';
import { createCartRepository } from './data-access/cart-repository.js';
import { createInventoryStream } from './data-access/inventory-stream.js';

// Reads the configuration, wires the dependencies, listens, and drains on SIGTERM.
const logger = createLogger('cart');
try {
  const config = loadCartConfig();
  const aws = createAwsClients(config);
  const app = await buildApp({
    logger,
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    store: createCartRepository(aws.dynamo, config.CART_TABLE),
    catalog: createCatalogClient({
      baseUrl: config.CATALOG_URL,
      timeoutMs: config.CATALOG_TIMEOUT_MS,
      logger,
    }),
    events: createInventoryStream(aws.kinesis, config.INVENTORY_STREAM, logger),
    limits: {
      maxQuantityPerLine: config.MAX_QUANTITY_PER_LINE,
      maxLines: config.MAX_LINES_PER_CART,
      ttlDays: config.CART_TTL_DAYS,
      currency: config.CART_CURRENCY,
    },
    strictResponses: config.NODE_ENV === 'test',
  });
  const running = await startServer(app, config.PORT, config.HOST);
  logger.info(
    { url: running.url, table: config.CART_TABLE, catalog: config.CATALOG_URL },
    'cart service listening',
  );
  shutdownOnSignals(running, logger, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    onStop: async () => {
      aws.dynamo.destroy();
      aws.kinesis.destroy();
    },
  });
} catch (error) {
  logger.fatal({ err: error }, 'cart service failed to start');
  process.exit(1);
}
