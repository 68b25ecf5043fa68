import { z } from 'zod';
import { currentContext } from './context.js';
import { DEADLINE_HEADER, outgoingCall } from './deadline.js';
import { ServiceUnavailableError } from './errors.js';

export { DEADLINE_HEADER } from './deadline.js';

/**
 * The `PEER_TIMEOUT_MS` setting of a service that calls others: how long one call may take (less
 * when the deadline of the request being served is nearer).
 */
export function peerTimeoutSetting(defaultMs: number) {
  return z.coerce.number().int().min(100).max(30_000).default(defaultMs);
}

/**
 * The `fetchApi` of a generated client that calls another ShopEasy service:
 * `new Configuration({ basePath, fetchApi: peerFetch(timeoutMs) })`. Each call carries the request
 * id and, in `X-Request-Deadline`, how long it will be waited for: `timeoutMs`, or less when the
 * deadline of the request being served is nearer. It is abandoned after that long, body included:
 * the answer comes back read in full, and the call's timer is cleared as soon as it has.
 */
export function peerFetch(timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const call = outgoingCall(timeoutMs);
    try {
      const headers = new Headers(init.headers);
      const requestId = currentContext()?.requestId;
      if (requestId) headers.set('X-Request-Id', requestId);
      headers.set(DEADLINE_HEADER, String(call.timeoutMs));
      const signals = [init.signal, call.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
      const response = await fetch(input, { ...init, headers, signal: AbortSignal.any(signals) });
      // Peers answer small JSON documents: reading them here keeps the body under the same limit.
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      const { status, statusText } = response;
      return new Response(body, { status, statusText, headers: response.headers });
    } finally {
      call.done();
    }
  };
}

// Statuses a Response may not be built with a body for.
const NULL_BODY = new Set([204, 205, 304]);

/**
 * Another ShopEasy service (or a provider such as the payment service) did not answer usefully:
 * answered 503 with Retry-After; the caller may retry later. `detail` is what the client reads.
 */
export class PeerUnavailableError extends ServiceUnavailableError {
  constructor(
    readonly peer: string,
    options: { detail?: string; cause?: unknown } = {},
  ) {
    super(options.detail ?? `The ${peer} cannot be reached right now; try again shortly.`);
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

// Recognised by shape, not class, so that any generated client's errors match.
interface ErrorWithResponse {
  response: Response;
}

function hasResponse(error: unknown): error is ErrorWithResponse {
  const response = (error as { response?: unknown } | null)?.response;
  return (
    typeof response === 'object' && response !== null && typeof (response as Response).status === 'number'
  );
}

/** The HTTP status of a generated client's failed call; undefined when no answer came (network, timeout). */
export function statusOf(error: unknown): number | undefined {
  return hasResponse(error) ? error.response.status : undefined;
}

/** Network failures (the generated client's `FetchError`), timeouts and 5xx: the call may succeed later. */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  const name = (error as Error | null)?.name;
  return name === 'FetchError' || name === 'TimeoutError' || (status !== undefined && status >= 500);
}

/** The problem+json a peer answered with, as far as the caller reads it. */
export interface PeerProblem {
  type?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** The problem+json body of a failed call; empty when it has none. */
export async function problemOf(error: unknown): Promise<PeerProblem> {
  if (!hasResponse(error)) return {};
  try {
    return (await error.response.json()) as PeerProblem;
  } catch {
    return {};
  }
}
