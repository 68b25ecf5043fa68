import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, loadUsersConfig } from '../src/index.js';
import { createLoginAttemptRepository } from '../src/data-access/login-attempt-repository.js';
import { createRefreshTokenRepository } from '../src/data-access/refresh-token-repository.js';
import { createUserRepository } from '../src/data-access/user-repository.js';
import { keys } from '../src/data-access/keys.js';
import { login as loginUseCase } from '../src/domain/login.js';
import { createPasswordHasher } from '../src/domain/passwords.js';
import type { DomainDeps } from '../src/domain/ports.js';
import { createTokenService } from '../src/domain/token-service.js';
import { login, newCustomer } from './support/factories.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

const config = loadUsersConfig({ ...process.env, NODE_ENV: 'test' });
const db = createAwsClients(config).dynamo;
const users = createUserRepository(db, config.USERS_TABLE);
// The format and cost every account was stored with before the cost was raised.
const older = createPasswordHasher({ logN: 15, r: 8, p: 1 });

/** An account stored directly with a hash made at N=2^15. */
async function accountWithOlderHash() {
  const customer = newCustomer();
  const id = newId('usr');
  const passwordHash = await older.hash(customer.password);
  const record = { id, email: customer.email, name: customer.name, role: 'customer' as const, passwordHash };
  expect(await users.create({ ...record, createdAt: new Date().toISOString() })).toBe(true);
  return { customer, id, passwordHash };
}

describe('password hash upgrade', () => {
  let service: RunningUsersService;
  beforeAll(async () => {
    // The cost the service runs at when nothing sets it (outside tests): N=2^17.
    service = await startUsersService({ NODE_ENV: 'development' });
  });
  afterAll(() => service?.stop());

  it('When a customer with a 2^15 hash logs in, then the login succeeds and the hash is re-made at 2^17', async () => {
    const { customer, id, passwordHash } = await accountWithOlderHash();

    expect((await login(service.url, customer)).status).toBe(200);

    const stored = (await users.findById(id))!.passwordHash;
    expect(stored).not.toBe(passwordHash);
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect((await login(service.url, customer)).status).toBe(200);
    expect((await users.findById(id))!.passwordHash).toBe(stored);
  });

  it('When the password changes while a login upgrades the old hash, then the new password is kept', async () => {
    const { customer, id } = await accountWithOlderHash();
    const changed = await older.hash('a-password-set-meanwhile');
    const setMeanwhile = () =>
      db.send(
        new UpdateCommand({
          TableName: config.USERS_TABLE,
          Key: keys.user(id),
          UpdateExpression: 'SET passwordHash = :hash',
          ExpressionAttributeValues: { ':hash': changed },
        }),
      );
    const deps: DomainDeps = {
      // The change lands after the login read the account and before it writes the upgrade.
      users: { ...users, findByEmail: (email) => users.findByEmail(email).finally(setMeanwhile) },
      tokens: createRefreshTokenRepository(db, config.USERS_TABLE),
      loginAttempts: createLoginAttemptRepository(db, config.USERS_TABLE),
      events: { userRegistered: () => Promise.resolve() },
      hasher: createPasswordHasher({ logN: 16, r: 8, p: 1 }),
      tokenService: createTokenService({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        accessTtlSeconds: 900,
        refreshTtlSeconds: 3600,
        key: await generateSigningKey(),
        previousKeys: [],
      }),
      logger: createLogger('users', 'silent'),
      backoff: { freeAttempts: 3, baseSeconds: 1, maxSeconds: 900, memorySeconds: 900 },
      clock: () => Math.floor(Date.now() / 1000),
    };

    await loginUseCase(deps, { ...customer, client: '198.51.100.1' });

    expect((await users.findById(id))!.passwordHash).toBe(changed);
  });
});
