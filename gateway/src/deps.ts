import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { GatewayDeps } from './app.js';
import { stageVariables, type GatewayConfig } from './config.js';

/** The gateway's dependencies from its configuration (main.ts, and end-to-end tests). */
export function gatewayDeps(config: GatewayConfig, document: unknown, logger: Logger): GatewayDeps {
  return {
    document,
    stageVariables: stageVariables(config),
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    logger,
    throttle: { ratePerSecond: config.THROTTLE_RATE_PER_SECOND, burst: config.THROTTLE_BURST },
    authThrottle: {
      ratePerSecond: config.AUTH_THROTTLE_RATE_PER_MINUTE / 60,
      burst: config.AUTH_THROTTLE_BURST,
    },
    allowedOrigins: config.CORS_ALLOWED_ORIGINS,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
  };
}
