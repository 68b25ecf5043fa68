import type { RequestHandler } from 'express';
import { currentCancellation, currentContext } from './context.js';
import { DeadlineExceededError } from './errors.js';
import { sendProblem } from './problem.js';

// A request's deadline, from the header that brings it to the answer that ends it and the calls it makes.

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

/** The limits of one outgoing call: how long it may take, and the signal that ends it. */
export interface OutgoingCall {
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Clears the call's timer: call it (in a `finally`) once the call has finished, however it ended. */
  done(): void;
}

/**
 * The limits of a call made now: at most `timeoutMs`, less when the deadline of the request being
 * served is nearer (less `marginMs`; the signal's reason is then a `DeadlineExceededError`, else a
 * `TimeoutError`), and cut short when its work is cancelled. Throws `DeadlineExceededError` when
 * no time is left. Its timer lives until `done()`, not until it would have fired.
 */
export function outgoingCall(
  timeoutMs = Number.POSITIVE_INFINITY,
  marginMs = DEADLINE_MARGIN_MS,
): OutgoingCall {
  const cancelled = currentCancellation();
  cancelled?.throwIfAborted();
  const limit = callTimeoutMs(timeoutMs, currentContext()?.deadline, Date.now(), marginMs);
  if (limit <= 0) throw new DeadlineExceededError();
  if (!Number.isFinite(limit)) return { timeoutMs: limit, signal: cancelled, done: () => {} };
  const controller = new AbortController();
  // The reason is made only when the time runs out: an error's stack costs more than the call's timer.
  const reason = limit < timeoutMs ? () => new DeadlineExceededError() : timeoutError;
  const timer = setTimeout(() => controller.abort(reason()), limit).unref();
  const signal = cancelled ? AbortSignal.any([cancelled, controller.signal]) : controller.signal;
  return { timeoutMs: limit, signal, done: () => clearTimeout(timer) };
}

// What `AbortSignal.timeout` aborts with, so callers recognise a timeout by its name as before.
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/**
 * Every request is answered by its deadline: one that arrives with no time left gets 503 at once,
 * and one still unanswered at its deadline gets 503 with Retry-After then (its outgoing calls are
 * cut short by the same deadline, so the work behind it stops too).
 */
export function answerByDeadline(): RequestHandler {
  return (req, res, next) => {
    const deadline = currentContext()?.deadline;
    if (deadline === undefined) return next();
    const left = deadline - Date.now();
    if (left <= DEADLINE_MARGIN_MS) return sendProblem(res, new DeadlineExceededError(), req.originalUrl);
    const timer = setTimeout(() => {
      if (!res.headersSent) sendProblem(res, new DeadlineExceededError(), req.originalUrl);
    }, left);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}
