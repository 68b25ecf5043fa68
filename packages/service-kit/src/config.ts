import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultOverloadLimits } from './overload.js';

/** Variables every service reads; each has a working local default. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ENDPOINT_URL: z.url().optional(),
  JWKS_URL: z.url().default('http://127.0.0.1:8081/v1/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('https://auth.shopeasy.local'),
  JWT_AUDIENCE: z.string().min(1).default('shopeasy-api'),
  // Shared by the services for /internal/ calls; from Secrets Manager in the cloud.
  INTERNAL_API_KEY: z.string().min(16).default('shopeasy-internal-local-only'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  REQUEST_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(defaultOverloadLimits.requestDeadlineMs),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(defaultOverloadLimits.maxInFlight),
};

/** Parse error naming each offending variable, so a bad deployment fails at start-up. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` once against the base variables plus the service's own, returning a frozen,
 * typed object. `defaultPort` is the service's local port.
 */
export function loadConfig<S extends z.ZodRawShape>(
  defaultPort: number,
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
) {
  const schema = z.object({
    ...baseConfigShape,
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    ...shape,
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}

export type BaseConfig = ReturnType<typeof loadConfig<Record<never, never>>>;

/**
 * Absolute path of a domain's OpenAPI document. `CONTRACTS_DIR` overrides it (container images);
 * otherwise it is found from this file's place in the repository.
 */
export function contractPath(domain: string): string {
  const dir = process.env.CONTRACTS_DIR ?? fileURLToPath(new URL('../../../contracts/', import.meta.url));
  return join(dir, `${domain}.yaml`);
}
