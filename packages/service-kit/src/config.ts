import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultOverloadLimits } from './overload.js';

/** The local default of `INTERNAL_API_KEY`: public, so production refuses it. */
export const LOCAL_INTERNAL_API_KEY = 'shopeasy-internal-local-only';

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
  INTERNAL_API_KEY: z.string().min(16).default(LOCAL_INTERNAL_API_KEY),
  // Also accepted (never sent) during a key rotation; empty = none.
  INTERNAL_API_KEY_PREVIOUS: z
    .string()
    .transform((value) => value || undefined)
    .pipe(z.string().min(16).optional())
    .optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  REQUEST_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(defaultOverloadLimits.requestDeadlineMs),
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(defaultOverloadLimits.maxInFlight),
  // How often the CloudWatch EMF metric lines are written (per operation and business counters).
  METRICS_FLUSH_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
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
  const data = parsed.data as z.infer<z.ZodObject<typeof baseConfigShape>>;
  if (data.NODE_ENV === 'production') {
    // The local default is public: anyone in the network could call the internal operations.
    const issues = (['INTERNAL_API_KEY', 'INTERNAL_API_KEY_PREVIOUS'] as const)
      .filter((name) => data[name] === LOCAL_INTERNAL_API_KEY || (name === 'INTERNAL_API_KEY' && !env[name]))
      .map((name) => `${name}: required in production and must not be the local default`);
    if (issues.length > 0) throw new ConfigError(issues);
  }
  return Object.freeze(parsed.data);
}

/** Keys accepted on `/internal/` calls: the current one, and the previous one during a rotation. */
export function internalApiKeys(config: {
  INTERNAL_API_KEY: string;
  INTERNAL_API_KEY_PREVIOUS?: string | undefined;
}): string[] {
  return [config.INTERNAL_API_KEY, config.INTERNAL_API_KEY_PREVIOUS].filter((key) => key !== undefined);
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
