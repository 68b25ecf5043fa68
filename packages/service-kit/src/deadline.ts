/**
 * The header that carries a request's budget to the next hop: the milliseconds its caller will
 * still wait for the answer. Relative, not an instant, so clocks of different hosts never matter.
 */
export const DEADLINE_HEADER = 'X-Request-Deadline';

/** Kept back from a call's timeout, so that the caller still has time to answer after giving up. */
export const DEADLINE_MARGIN_MS = 100;

/**
 * The instant (epoch ms) by which a request that arrives at `now` must be answered: what its
 * caller will wait (`header`), but never longer than this service's own budget.
 */
export function deadlineOf(header: string | undefined, budgetMs: number, now = Date.now()): number {
  const given = header !== undefined && /^\s*\d{1,9}\s*$/.test(header) ? Number(header) : budgetMs;
  return now + Math.min(given, budgetMs);
}

/**
 * How long an outgoing call may take: its own timeout, or less when the request's deadline is
 * nearer (less `marginMs`). 0 means no time is left to make the call at all.
 */
export function callTimeoutMs(
  timeoutMs: number,
  deadline: number | undefined,
  now = Date.now(),
  marginMs = DEADLINE_MARGIN_MS,
): number {
  if (deadline === undefined) return timeoutMs;
  return Math.max(0, Math.min(timeoutMs, deadline - now - marginMs));
}
