import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import { createServiceMetrics, type Logger } from '@shopeasy/service-kit/telemetry';
import type { CartAppDeps } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import type { CartConfig } from './config.js';
import { createCartRepository } from './data-access/cart-repository.js';
import { createInventoryStream } from './data-access/inventory-stream.js';

/** The cart's real dependencies from its configuration (main.ts and the component tests). */
export function cartDeps(config: CartConfig, logger: Logger) {
  const aws = createAwsClients(config);
  const deps: CartAppDeps = {
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
    overload: overloadLimits(config),
    metrics: createServiceMetrics('cart', { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS }),
  };
  return { deps, aws };
}
