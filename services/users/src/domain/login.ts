import { InvalidCredentialsError, LoginLockedError } from './errors.js';
import { HashingBusyError } from './hashing-queue.js';
import type { LoginAttempts, TokenPair, UserRecord } from './model.js';
import type { DomainDeps } from './ports.js';
import { normalizeEmail } from './register.js';
import { nowSeconds, startSession } from './sessions.js';

/**
 * Seconds until an email may try again, or 0 when this attempt may proceed. `attempts` already
 * counts the current attempt, so with 5 allowed the sixth within one window is refused.
 */
export function retryAfterSeconds(attempts: LoginAttempts, maxAttempts: number, nowSeconds: number): number {
  if (attempts.count <= maxAttempts) return 0;
  return Math.max(1, attempts.windowEndsAt - nowSeconds);
}

/**
 * Logs in with email and password. Unknown email and wrong password get the same answer after
 * the same hashing work. Every attempt is counted before the password is checked, so parallel
 * guesses cannot slip past the limit; a success clears the count.
 */
export async function login(
  deps: DomainDeps,
  input: { email: string; password: string },
): Promise<TokenPair> {
  const email = normalizeEmail(input.email);
  const now = nowSeconds();
  const attempts = await deps.throttle.countAttempt(email, now, deps.lockout.windowSeconds);
  const retryAfter = retryAfterSeconds(attempts, deps.lockout.maxAttempts, now);
  if (retryAfter > 0) throw new LoginLockedError(retryAfter);

  const user = await deps.users.findByEmail(email);
  const matches = user
    ? await deps.hasher.verify(input.password, user.passwordHash)
    : await deps.hasher.verifyNothing(input.password);
  if (!user || !matches) throw new InvalidCredentialsError();

  await deps.throttle.reset(email);
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
