import { Configuration, ResponseError, type ConfigurationParameters } from '@shopeasy/api-client';
import { currentContext } from '@shopeasy/service-kit';

/**
 * Generated-client settings for a peer service: its base URL, a timeout on every call, and the
 * current request id forwarded in X-Request-Id so one request can be followed across services.
 */
export function peerConfiguration(
  basePath: string,
  timeoutMs: number,
  extra: Omit<ConfigurationParameters, 'basePath' | 'fetchApi' | 'middleware'> = {},
): Configuration {
  return new Configuration({
    ...extra,
    basePath: basePath.replace(/\/+$/, ''),
    fetchApi: (input: string | URL | Request, init?: RequestInit) =>
      fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
    middleware: [
      {
        async pre(context) {
          const requestId = currentContext()?.requestId;
          if (!requestId) return;
          const headers = new Headers(context.init.headers);
          headers.set('X-Request-Id', requestId);
          return { url: context.url, init: { ...context.init, headers } };
        },
      },
    ],
  });
}

/** HTTP status of a generated client's error answer; undefined when no answer came (network, timeout). */
export function statusOf(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.response.status : undefined;
}

/** A peer service that did not answer usefully; worth retrying later. */
export class PeerUnavailableError extends Error {
  constructor(service: string, operation: string, cause: unknown) {
    const status = statusOf(cause);
    super(`${service} ${operation} failed${status ? ` with HTTP ${status}` : ': no answer'}`, { cause });
    this.name = 'PeerUnavailableError';
  }
}
