import { ConfigError, loadConfig } from '@shopeasy/service-kit';
import { EVENTS_TOPIC_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

/** Local-only admin account; production must set its own (see README). */
export const LOCAL_ADMIN = { email: 'admin@shopeasy.local', password: 'shopeasy-admin-local-only' } as const;

const local = localEnvironment();

const usersShape = {
  [TABLE_ENV.users]: z.string().min(1).default(local.USERS_TABLE),
  [EVENTS_TOPIC_ENV]: z.string().min(1).default(local.EVENTS_TOPIC_ARN),
  JWT_SIGNING_KEY: z.string().min(1).optional(),
  JWT_PREVIOUS_PUBLIC_KEYS: z.string().min(1).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 24 * 3600),
  PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(14).max(20).default(15),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
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
  const parsed = loadConfig(8081, usersShape, env);
  const production = parsed.NODE_ENV === 'production';
  const missing = (['JWT_SIGNING_KEY', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'] as const).filter(
    (name) => production && parsed[name] === undefined,
  );
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: required in production`));
  return Object.freeze({
    ...parsed,
    ADMIN_EMAIL: parsed.ADMIN_EMAIL ?? LOCAL_ADMIN.email,
    ADMIN_PASSWORD: parsed.ADMIN_PASSWORD ?? LOCAL_ADMIN.password,
  });
}

export type UsersConfig = ReturnType<typeof loadUsersConfig>;
