import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import { createServiceApp, overloadLimits } from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { PK, SK } from '@shopeasy/resources';
import type { Express } from 'express';
import type { UsersConfig } from './config.js';
import { createLoginAttemptRepository } from './data-access/login-attempt-repository.js';
import { createRefreshTokenRepository } from './data-access/refresh-token-repository.js';
import { createUserEvents } from './data-access/user-events.js';
import { createUserRepository } from './data-access/user-repository.js';
import { ensureAdmin } from './domain/admin-bootstrap.js';
import { createHashingQueue, queuedHasher } from './domain/hashing-queue.js';
import { createPasswordHasher } from './domain/passwords.js';
import type { DomainDeps } from './domain/ports.js';
import {
  generateSigningKey,
  previousPublicKeys,
  signingKeyFromJwk,
  type SigningKey,
} from './domain/signing-key.js';
import { createTokenService } from './domain/token-service.js';
import { usersHandlers } from './http/handlers.js';

export { loadUsersConfig, LOCAL_ADMIN, type UsersConfig } from './config.js';
export { exportSigningJwk, generateSigningKey, type SigningKey } from './domain/signing-key.js';

export interface AppDeps {
  config: UsersConfig;
  logger: Logger;
  aws: Pick<AwsClients, 'dynamo' | 'sns'>;
  /** Overrides JWT_SIGNING_KEY (tests that sign their own tokens pass one). */
  signingKey?: SigningKey;
  /** Epoch seconds for the login back-off (tests move time by hand); the system clock otherwise. */
  clock?: () => number;
  /** Per-operation metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
}

/**
 * The users service, ready to serve: signing key loaded, admin account present, Express app
 * built. It never listens (main.ts and tests do that).
 */
export async function buildApp(deps: AppDeps): Promise<Express> {
  const { config, logger } = deps;
  const table = config.USERS_TABLE;
  const tokenService = createTokenService({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    key: deps.signingKey ?? (await loadSigningKey(config, logger)),
    previousKeys: previousPublicKeys(config.JWT_PREVIOUS_PUBLIC_KEYS),
  });
  const domain: DomainDeps = {
    users: createUserRepository(deps.aws.dynamo, table),
    tokens: createRefreshTokenRepository(deps.aws.dynamo, table),
    loginAttempts: createLoginAttemptRepository(deps.aws.dynamo, table),
    events: createUserEvents(deps.aws.sns, config.EVENTS_TOPIC_ARN),
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
    clock: deps.clock ?? (() => Math.floor(Date.now() / 1000)),
  };
  await ensureAdmin(domain, {
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    name: config.ADMIN_NAME,
  });

  return createServiceApp({
    service: 'users',
    handlers: usersHandlers(domain),
    // Its own keys, resolved locally: the users service never calls itself over HTTP.
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: tokenService.keyResolver,
    }),
    logger,
    readiness: [{ name: 'users-table', check: () => tableAnswers(deps.aws.dynamo, table) }],
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
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

// A GetItem of a key that never exists: cheap, and needs only the read permission the service has.
async function tableAnswers(db: DynamoDBDocumentClient, table: string): Promise<void> {
  await db.send(new GetCommand({ TableName: table, Key: { [PK]: 'READINESS', [SK]: 'READINESS' } }));
}
