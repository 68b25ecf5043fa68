import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultOverloadLimits } from './overload.js';

/** The local default of `INTERNAL_API_KEY`: public, so production refuses it. */
export const LOCAL_INTERNAL_API_KEY = 'shopeasy-internal-local-only';

const localOnly = new WeakSet<z.ZodType>();

/**
 * A default for running on a laptop or in CI only: where a resource is (a table, a queue, another
 * service) or how tokens are checked. With `NODE_ENV=production` the variable must be set, so a
 * deployment the CDK forgot to give it fails at start-up naming it instead of reaching for the
 * local one. `LOCAL_DEFAULTS=off` applies the same rules outside production: the local stack runs
 * every process with what its cloud definition gives it, so what the CDK forgot fails there too.
 */
export function localDefault<T extends z.ZodType>(schema: T, value: z.util.NoUndefined<z.input<T>>) {
  const withDefault = schema.default(value as never);
  localOnly.add(withDefault);
  return withDefault;
}

/** Variables every service reads; each has a working local default. */
export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOCAL_DEFAULTS: z.enum(['on', 'off']).default('on'),
  HOST: localDefault(z.string().min(1), '127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AWS_REGION: localDefault(z.string().min(1), 'us-east-1'),
  AWS_ENDPOINT_URL: z.url().optional(),
  JWKS_URL: localDefault(z.url(), 'http://127.0.0.1:8081/v1/.well-known/jwks.json'),
  JWT_ISSUER: localDefault(z.string().min(1), 'https://auth.shopeasy.local'),
  JWT_AUDIENCE: localDefault(z.string().min(1), 'shopeasy-api'),
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
 * typed object. `defaultPort` is the service's local port. Throws a `ConfigError` naming every
 * bad variable, and in production every unset one whose default is only local.
 */
export function loadConfig<S extends z.ZodRawShape>(
  defaultPort: number,
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
) {
  const { config, problems } = parseConfig(defaultPort, shape, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Whether the cloud's rules apply: in production, and wherever local defaults are off (the local
 * stack, which gives each process its cloud definition's variables).
 */
export function cloudRules(config: { NODE_ENV: string; LOCAL_DEFAULTS: string }): boolean {
  return config.NODE_ENV === 'production' || config.LOCAL_DEFAULTS === 'off';
}

/**
 * `loadConfig` for a service with cloud rules of its own: the configuration and the problems
 * found so far, so that the service adds its own and fails once, naming all.
 */
export function parseConfig<S extends z.ZodRawShape>(
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
  const problems: string[] = [];
  if (cloudRules(data)) {
    for (const [name, field] of Object.entries(schema.shape)) {
      if (localOnly.has(field) && !env[name])
        problems.push(`${name}: required in the cloud (its default is the local one)`);
    }
    // The local default is public: anyone in the network could call the internal operations.
    for (const name of ['INTERNAL_API_KEY', 'INTERNAL_API_KEY_PREVIOUS'] as const) {
      if (data[name] === LOCAL_INTERNAL_API_KEY || (name === 'INTERNAL_API_KEY' && !env[name]))
        problems.push(`${name}: required in the cloud and must not be the local default`);
    }
  }
  return { config: Object.freeze(parsed.data), problems };
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
