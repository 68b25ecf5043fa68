import { AsyncLocalStorage } from 'node:async_hooks';

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

/** The signal that cancels the current work's outgoing calls, if it runs under `runCancellable`. */
export function currentCancellation(): AbortSignal | undefined {
  return cancellation.getStore();
}
