import { currentContext, outgoingCall } from './context.js';
import { DEADLINE_HEADER } from './deadline.js';

/**
 * The `fetchApi` of a generated client that calls another ShopEasy service:
 * `new Configuration({ basePath, fetchApi: peerFetch(timeoutMs) })`. Each call carries the request
 * id and, in `X-Request-Deadline`, how long it will be waited for: `timeoutMs`, or less when the
 * deadline of the request being served is nearer. It is abandoned after that long.
 */
export function peerFetch(timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const call = outgoingCall(timeoutMs);
    const headers = new Headers(init.headers);
    const requestId = currentContext()?.requestId;
    if (requestId) headers.set('X-Request-Id', requestId);
    headers.set(DEADLINE_HEADER, String(call.timeoutMs));
    const signals = [init.signal, call.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    return fetch(input, { ...init, headers, signal: AbortSignal.any(signals) });
  };
}
