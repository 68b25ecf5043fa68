import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { GatewayDeps } from './app.js';
import { stageVariables, type GatewayConfig } from './config.js';
import { Proxy } from './proxy.js';
import { buildRouteTable, readApiDocument } from './routing/index.js';

/** What tests and the bench put in place of the real thing. */
export interface GatewayOverrides extends MetricsOverride {
  /** Monotonic ms for the throttles' refill (tests move time by hand); the system clock otherwise. */
  now?: () => number;
}

export interface WiredGateway {
  deps: GatewayDeps;
  /** Closes the pooled connections to the services, then flushes the metrics. */
  close(): Promise<void>;
}

/** The gateway's adapters, built once from its configuration (main.ts, the tests, the bench). */
export async function wireGateway(
  config: GatewayConfig,
  logger: Logger,
  overrides: GatewayOverrides = {},
): Promise<WiredGateway> {
  const document = await readApiDocument(config.API_DOCUMENT_PATH);
  const proxy = new Proxy({
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    retryWindowMs: config.UPSTREAM_RETRY_WINDOW_MS,
  });
  const metrics = metricsFor('gateway', config, overrides);
  const deps: GatewayDeps = {
    routes: buildRouteTable(document, stageVariables(config)),
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    logger,
    proxy,
    throttle: { ratePerSecond: config.THROTTLE_RATE_PER_SECOND, burst: config.THROTTLE_BURST },
    authThrottle: {
      ratePerSecond: config.AUTH_THROTTLE_RATE_PER_MINUTE / 60,
      burst: config.AUTH_THROTTLE_BURST,
    },
    allowedOrigins: config.CORS_ALLOWED_ORIGINS,
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    metrics,
    now: overrides.now,
  };
  return {
    deps,
    close: async () => {
      proxy.close();
      metrics?.stop();
    },
  };
}
