import { fileURLToPath } from 'node:url';
import { loadConfig } from '@shopeasy/service-kit/config';
import { z } from 'zod';

const serviceUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}`);

const originList = z.string().transform((value) =>
  value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
);

/** Where `npm run contracts:bundle` writes the API Gateway flavour of the contract. */
export const defaultApiDocumentPath = fileURLToPath(
  new URL('../../contracts/dist/shopeasy.apigateway.json', import.meta.url),
);

/**
 * The gateway's own variables (the service kit adds PORT, HOST, LOG_LEVEL, JWKS_URL, JWT_* and
 * REQUEST_DEADLINE_MS, each request's budget).
 */
export const gatewayConfigShape = {
  API_DOCUMENT_PATH: z.string().min(1).default(defaultApiDocumentPath),
  USERS_URL: serviceUrl(8081),
  CATALOG_URL: serviceUrl(8082),
  CART_URL: serviceUrl(8083),
  ORDERS_URL: serviceUrl(8084),
  FEEDBACK_URL: serviceUrl(8085),
  THROTTLE_RATE_PER_SECOND: z.coerce.number().positive().default(50),
  THROTTLE_BURST: z.coerce.number().int().min(1).default(100),
  AUTH_THROTTLE_RATE_PER_MINUTE: z.coerce.number().positive().default(20),
  AUTH_THROTTLE_BURST: z.coerce.number().int().min(1).default(10),
  CORS_ALLOWED_ORIGINS: originList.default([
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://localhost:5173',
    'http://127.0.0.1:5173',
  ]),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  // Long enough to ride out a service's restart (drain, supervisor, boot) on a busy laptop.
  UPSTREAM_RETRY_WINDOW_MS: z.coerce.number().int().min(0).default(3_000),
};

/** Parses the environment once; throws a `ConfigError` naming each bad variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(8080, gatewayConfigShape, env);
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/**
 * The API Gateway stage variables the integrations name (`usersHost`, …). In the cloud each holds
 * a host; locally each resolves to the service's base URL from this configuration.
 */
export function stageVariables(config: GatewayConfig): Record<string, string> {
  return {
    usersHost: config.USERS_URL,
    catalogHost: config.CATALOG_URL,
    cartHost: config.CART_URL,
    ordersHost: config.ORDERS_URL,
    feedbackHost: config.FEEDBACK_URL,
  };
}
