import { AsyncLocalStorage } from 'node:async_hooks';
import { callTimeoutMs, DEADLINE_MARGIN_MS } from './deadline.js';
import { DeadlineExceededError } from './errors.js';

/** What every log line and outgoing call of one request carries. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  /** When the request must be answered (epoch ms); outgoing calls never outlast it. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();
const cancellation = new AsyncLocalStorage<AbortSignal>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` so that every outgoing call it makes (peer services, AWS) is cancelled once `signal`
 * aborts, e.g. when the work it does is taken over by someone else.
 */
export function runCancellable<T>(signal: AbortSignal, fn: () => T): T {
  const outer = cancellation.getStore();
  return cancellation.run(outer ? AbortSignal.any([outer, signal]) : signal, fn);
}

/** The limits of one outgoing call: how long it may take, and the signal that ends it. */
export interface OutgoingCall {
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * The limits of a call made now: at most `timeoutMs`, less when the deadline of the request being
 * served is nearer (less `marginMs`; the signal's reason is then a `DeadlineExceededError`), and
 * cut short when its work is cancelled. Throws `DeadlineExceededError` when no time is left.
 */
export function outgoingCall(
  timeoutMs = Number.POSITIVE_INFINITY,
  marginMs = DEADLINE_MARGIN_MS,
): OutgoingCall {
  const cancelled = cancellation.getStore();
  cancelled?.throwIfAborted();
  const limit = callTimeoutMs(timeoutMs, currentContext()?.deadline, Date.now(), marginMs);
  if (limit <= 0) throw new DeadlineExceededError();
  const signals = cancelled ? [cancelled] : [];
  if (limit < timeoutMs) signals.push(abortAfter(limit, () => new DeadlineExceededError()));
  else if (Number.isFinite(limit)) signals.push(AbortSignal.timeout(limit));
  return { timeoutMs: limit, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] };
}

// The reason is made only when the time runs out: an error's stack costs more than the call's timer.
function abortAfter(ms: number, reason: () => Error): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason()), ms).unref();
  return controller.signal;
}
