import { problemType, TooManyRequestsError } from '@shopeasy/service-kit/errors';
import type { BackoffPolicy } from './model.js';
import type { DomainDeps } from './ports.js';

// The problem type the users contract's examples name, so clients can branch on `type`.
const BACKOFF_TYPE = problemType('login-backoff');

export class LoginBackoffError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, `Too many failed logins from here; retry in ${retryAfterSeconds} seconds.`);
  }

  override get type(): string {
    return BACKOFF_TYPE;
  }
}

/** The wait that follows the n-th attempt: none for the free ones, then doubling. */
export function loginDelaySeconds(policy: BackoffPolicy, attempt: number): number {
  if (attempt <= policy.freeAttempts) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (attempt - policy.freeAttempts - 1));
}

/**
 * Takes one attempt for `client` on `email`, or throws LoginBackoffError with the seconds left.
 * A client that has failed on the account also waits as long as the account's failures from
 * everyone call for, so spreading guesses over many addresses buys one guess per address; a
 * client without failures is never held back, so the owner logs in while someone else guesses.
 * The attempt is taken before the password is checked: parallel guesses cannot skip the wait.
 */
export async function takeAttempt(deps: DomainDeps, email: string, client: string): Promise<void> {
  const policy = deps.backoff;
  for (let round = 0; round < 5; round += 1) {
    const now = deps.clock();
    const state = await deps.loginAttempts.read(email, client, now);
    if (state.notBefore > now) throw new LoginBackoffError(state.notBefore - now);
    const attempt = state.attempts + 1;
    const counted = state.attempts === 0 ? attempt : Math.max(attempt, state.accountFailures + 1);
    const notBefore = now + loginDelaySeconds(policy, counted);
    const next = { attempts: attempt, notBefore, expiresAt: notBefore + policy.memorySeconds };
    if (await deps.loginAttempts.take(email, client, state, next, now)) return;
  }
  // Lost every race: this client is sending the same login many times at once.
  throw new LoginBackoffError(1);
}
