import { InvalidCredentialsError, LoginLockedError } from './errors.js';
import type { LoginAttempts, TokenPair } from './model.js';
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
  if (deps.hasher.needsRehash(user.passwordHash)) await upgradeHash(deps, user.id, input.password);
  const { passwordHash: _hash, ...profile } = user;
  return startSession(deps, profile);
}

// Hashes made with older scrypt parameters are replaced on the next successful login.
async function upgradeHash(deps: DomainDeps, userId: string, password: string): Promise<void> {
  try {
    await deps.users.setPasswordHash(userId, await deps.hasher.hash(password));
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'password hash upgrade failed');
  }
}
