import { ConfigError, cloudRules, localDefault, parseConfig } from '@shopeasy/service-kit/config';
import { EVENTS_TOPIC_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

/** Local-only admin account; production must set its own (see README). */
export const LOCAL_ADMIN = { email: 'admin@shopeasy.local', password: 'shopeasy-admin-local-only' } as const;

const local = localEnvironment();

// OWASP's scrypt recommendation (N=2^17, r=8, p=1). Test stacks register hundreds of accounts
// and default to 2^15, about four times cheaper; production never goes below 2^17.
const PRODUCTION_SCRYPT_LOG_N = 17;
const TEST_SCRYPT_LOG_N = 15;

const usersShape = {
  [TABLE_ENV.users]: localDefault(z.string().min(1), local.USERS_TABLE),
  [EVENTS_TOPIC_ENV]: localDefault(z.string().min(1), local.EVENTS_TOPIC_ARN),
  JWT_SIGNING_KEY: z.string().min(1).optional(),
  JWT_PREVIOUS_PUBLIC_KEYS: z.string().min(1).optional(),
  // The secret the two above come from, re-read while running so a rotation reaches every task.
  JWT_SIGNING_KEY_SECRET_ID: z
    .string()
    .transform((value) => value || undefined)
    .optional(),
  SIGNING_KEY_REFRESH_SECONDS: localDefault(z.coerce.number().int().min(1).max(3600), 300),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 24 * 3600),
  PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(14).max(20).optional(),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(1000).default(24),
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  LOGIN_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).default(1),
  LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).default(900),
  LOGIN_FAILURE_MEMORY_SECONDS: z.coerce.number().int().min(60).default(900),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).max(128).optional(),
  ADMIN_NAME: z.string().min(1).max(100).default('ShopEasy Admin'),
} as const;

/**
 * The users service's configuration: base variables, its table and topic, token and password
 * settings, and the admin account. Production refuses to start without a signing key and
 * admin credentials, so a deployment never runs on the local defaults.
 */
export function loadUsersConfig(env: NodeJS.ProcessEnv = process.env) {
  const { config: parsed, problems } = parseConfig(8081, usersShape, env);
  const production = parsed.NODE_ENV === 'production';
  for (const name of ['JWT_SIGNING_KEY', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'] as const) {
    if (cloudRules(parsed) && parsed[name] === undefined) problems.push(`${name}: required in the cloud`);
  }
  // Locally (the local stack included) the key set comes from the variables alone.
  if (production && parsed.JWT_SIGNING_KEY_SECRET_ID === undefined) {
    problems.push('JWT_SIGNING_KEY_SECRET_ID: required in production (the key set is reloaded from it)');
  }
  const logN =
    parsed.PASSWORD_SCRYPT_LOG_N ??
    (parsed.NODE_ENV === 'test' ? TEST_SCRYPT_LOG_N : PRODUCTION_SCRYPT_LOG_N);
  if (production && logN < PRODUCTION_SCRYPT_LOG_N) {
    problems.push(`PASSWORD_SCRYPT_LOG_N: must be at least ${PRODUCTION_SCRYPT_LOG_N} in production`);
  }
  // More hashes at once than pool threads would only queue inside libuv, out of our control.
  const pool = Number(env.UV_THREADPOOL_SIZE) || 4;
  if (parsed.PASSWORD_HASH_CONCURRENCY > pool) {
    problems.push(`PASSWORD_HASH_CONCURRENCY: at most the libuv pool size (${pool})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    ...parsed,
    PASSWORD_SCRYPT_LOG_N: logN,
    ADMIN_EMAIL: parsed.ADMIN_EMAIL ?? LOCAL_ADMIN.email,
    ADMIN_PASSWORD: parsed.ADMIN_PASSWORD ?? LOCAL_ADMIN.password,
  });
}

export type UsersConfig = ReturnType<typeof loadUsersConfig>;
