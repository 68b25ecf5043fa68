import { InvalidCredentialsError } from './errors.js';
import { HashingBusyError } from './hashing-queue.js';
import { takeAttempt } from './login-backoff.js';
import type { TokenPair, UserRecord } from './model.js';
import type { DomainDeps } from './ports.js';
import { normalizeEmail } from './register.js';
import { startSession } from './sessions.js';

/** The log line a metric filter counts as `ShopEasy/LoginFailures` (credential-stuffing volume). */
export const LOGIN_FAILED_EVENT = 'login-failed';

/**
 * Logs in with email and password for `client` (the caller's address). Unknown email and wrong
 * password get the same answer after the same hashing work, and the same back-off. A success
 * clears the client's failures and the account's.
 */
export async function login(
  deps: DomainDeps,
  input: { email: string; password: string; client: string },
): Promise<TokenPair> {
  const email = normalizeEmail(input.email);
  await takeAttempt(deps, email, input.client);

  const user = await deps.users.findByEmail(email);
  const matches = user
    ? await deps.hasher.verify(input.password, user.passwordHash)
    : await deps.hasher.verifyNothing(input.password);
  if (!user || !matches) {
    await deps.loginAttempts.recordFailure(email, deps.clock() + deps.backoff.memorySeconds);
    deps.logger.info({ event: LOGIN_FAILED_EVENT }, 'login failed');
    throw new InvalidCredentialsError();
  }

  await deps.loginAttempts.clear(email, input.client);
  if (deps.hasher.needsRehash(user.passwordHash)) await upgradeHash(deps, user, input.password);
  const { passwordHash: _hash, ...profile } = user;
  return startSession(deps, profile);
}

/**
 * Hashes made with older scrypt parameters are replaced on a successful login, on condition that
 * the stored hash is still the one verified: a password changed meanwhile is never overwritten.
 * A busy hashing queue postpones the upgrade to a later login; the login itself succeeds.
 */
async function upgradeHash(deps: DomainDeps, user: UserRecord, password: string): Promise<void> {
  try {
    const next = await deps.hasher.hash(password);
    if (!(await deps.users.replacePasswordHash(user.id, user.passwordHash, next))) {
      deps.logger.info({ userId: user.id }, 'password hash changed meanwhile; not upgraded');
    }
  } catch (error) {
    if (error instanceof HashingBusyError) return;
    deps.logger.warn({ err: error, userId: user.id }, 'password hash upgrade failed');
  }
}
