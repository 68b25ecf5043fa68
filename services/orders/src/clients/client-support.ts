import { Configuration, FetchError, ResponseError, type ConfigurationParameters } from '@shopeasy/api-client';
import { peerFetch } from '@shopeasy/service-kit/calls';

/** How long a call to another ShopEasy service may take (less when the request's deadline is nearer). */
export const CALL_TIMEOUT_MS = 5_000;

/** Generated-client settings for a peer service: request id and deadline forwarded, calls bounded. */
export function configuration(params: Omit<ConfigurationParameters, 'fetchApi'>): Configuration {
  return new Configuration({ ...params, fetchApi: peerFetch(CALL_TIMEOUT_MS) });
}

/** The HTTP status of a failed call; undefined when the service was not reached at all. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof ResponseError ? error.response.status : undefined;
}

interface CalleeProblem {
  type?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** The problem+json body of a failed call, if it has one. */
export async function problemOf(error: unknown): Promise<CalleeProblem> {
  if (!(error instanceof ResponseError)) return {};
  try {
    return (await error.response.json()) as CalleeProblem;
  } catch {
    return {};
  }
}

/** Network failures, timeouts and 5xx: the call may succeed later. */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  return (
    error instanceof FetchError ||
    (status !== undefined && status >= 500) ||
    (error as Error)?.name === 'TimeoutError'
  );
}
