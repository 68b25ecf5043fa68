import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients, tableReadiness } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import type { PeriodicJob } from '@shopeasy/service-kit/jobs';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { UsersAppDeps } from './app.js';
import type { UsersConfig } from './config.js';
import { createLoginAttemptRepository } from './data-access/login-attempt-repository.js';
import { createRefreshTokenRepository } from './data-access/refresh-token-repository.js';
import { createUserEvents } from './data-access/user-events.js';
import { createUserRepository } from './data-access/user-repository.js';
import { createSigningKeySecret } from './data-access/signing-key-secret.js';
import { ensureAdmin } from './domain/admin-bootstrap.js';
import { createHashingQueue, queuedHasher } from './domain/hashing-queue.js';
import { startKeyReload } from './domain/key-reload.js';
import { createPasswordHasher } from './domain/passwords.js';
import type { DomainDeps } from './domain/ports.js';
import {
  generateSigningKey,
  previousPublicKeys,
  signingKeyFromJwk,
  type SigningKey,
} from './domain/signing-key.js';
import { createTokenService } from './domain/token-service.js';

/** What tests replace in the real wiring. */
export interface UsersOverrides extends MetricsOverride {
  /** Instead of JWT_SIGNING_KEY (tests that sign their own tokens pass one). */
  signingKey?: SigningKey;
  /** Epoch seconds for the login back-off (tests move time by hand); the system clock otherwise. */
  clock?: () => number;
  /** Wraps the table client (tests that watch or hold the service's writes). */
  wrapTable?: (db: DynamoDBDocumentClient) => DynamoDBDocumentClient;
}

export interface UsersWiring {
  deps: UsersAppDeps;
  /** Stops the key reload and the metrics timer, and closes the AWS clients (after the last request). */
  close(): Promise<void>;
}

/**
 * The users service's adapters, built once from its configuration: signing key loaded, tables,
 * topic and hashing queue wired, and the admin account present before anything is served.
 */
export async function wireUsers(
  config: UsersConfig,
  logger: Logger,
  overrides: UsersOverrides = {},
): Promise<UsersWiring> {
  const aws = createAwsClients(config, 'users');
  const metrics = metricsFor('users', config, overrides);
  const secretId = config.JWT_SIGNING_KEY_SECRET_ID;
  const keySecret = secretId === undefined ? undefined : createSigningKeySecret(config, secretId);
  let keyReload: PeriodicJob | undefined;
  const close = async () => {
    await keyReload?.stop();
    metrics?.stop();
    keySecret?.destroy();
    aws.destroy();
  };
  try {
    const db = (overrides.wrapTable ?? ((client) => client))(aws.dynamo);
    const table = config.USERS_TABLE;
    const tokenService = createTokenService({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      key: overrides.signingKey ?? (await loadSigningKey(config, logger)),
      previousKeys: previousPublicKeys(config.JWT_PREVIOUS_PUBLIC_KEYS),
    });
    // A rotation writes a new set into the secret; each task picks it up within the interval.
    if (keySecret) {
      keyReload = startKeyReload(keySecret, tokenService, {
        intervalMs: config.SIGNING_KEY_REFRESH_SECONDS * 1000,
        logger,
      });
    }
    const domain: DomainDeps = {
      users: createUserRepository(db, table),
      tokens: createRefreshTokenRepository(db, table),
      loginAttempts: createLoginAttemptRepository(db, table),
      events: createUserEvents(aws.sns, config.EVENTS_TOPIC_ARN),
      hasher: queuedHasher(
        createPasswordHasher({ logN: config.PASSWORD_SCRYPT_LOG_N, r: 8, p: 1 }),
        createHashingQueue({
          concurrency: config.PASSWORD_HASH_CONCURRENCY,
          maxWaiting: config.PASSWORD_HASH_QUEUE,
        }),
      ),
      tokenService,
      logger,
      backoff: {
        freeAttempts: config.LOGIN_FREE_ATTEMPTS,
        baseSeconds: config.LOGIN_BACKOFF_BASE_SECONDS,
        maxSeconds: config.LOGIN_BACKOFF_MAX_SECONDS,
        memorySeconds: config.LOGIN_FAILURE_MEMORY_SECONDS,
      },
      clock: overrides.clock ?? (() => Math.floor(Date.now() / 1000)),
    };
    await ensureAdmin(domain, {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
      name: config.ADMIN_NAME,
    });
    const deps: UsersAppDeps = {
      domain,
      // Its own keys, resolved locally: the users service never calls itself over HTTP.
      verifier: createTokenVerifier({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        jwks: tokenService.keyResolver,
      }),
      readiness: [tableReadiness(db, table, 'users-table')],
      strictResponses: config.NODE_ENV === 'test',
      overload: overloadLimits(config),
      ...(metrics ? { metrics } : {}),
    };
    return { deps, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function loadSigningKey(config: UsersConfig, logger: Logger): Promise<SigningKey> {
  if (config.JWT_SIGNING_KEY) return signingKeyFromJwk(config.JWT_SIGNING_KEY);
  const key = await generateSigningKey();
  logger.warn(
    { kid: key.kid },
    'JWT_SIGNING_KEY not set: signing with an ephemeral key; tokens die with this process',
  );
  return key;
}
