import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { CartAppDeps } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import type { CartConfig } from './config.js';
import { createCartRepository } from './data-access/cart-repository.js';

/** What tests replace in the real wiring. */
export type CartOverrides = MetricsOverride;

export interface CartWiring {
  /** What `buildApp` takes. */
  deps: CartAppDeps;
  /** Flushes the metrics and closes the AWS clients (after the last request). */
  close(): Promise<void>;
}

/** Builds the cart's adapters once from its configuration (main.ts and the component tests). */
export function wireCart(config: CartConfig, logger: Logger, overrides: CartOverrides = {}): CartWiring {
  const aws = createAwsClients(config, 'cart');
  const metrics = metricsFor('cart', config, overrides);
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
      timeoutMs: config.PEER_TIMEOUT_MS,
      logger,
    }),
    limits: {
      maxQuantityPerLine: config.MAX_QUANTITY_PER_LINE,
      maxLines: config.MAX_LINES_PER_CART,
      ttlDays: config.CART_TTL_DAYS,
      guestTtlDays: config.GUEST_CART_TTL_DAYS,
      currency: config.CART_CURRENCY,
    },
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(metrics ? { metrics } : {}),
  };
  return {
    deps,
    close: async () => {
      metrics?.stop();
      aws.destroy();
    },
  };
}
