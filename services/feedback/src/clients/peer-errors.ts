import { ResponseError } from '@shopeasy/api-client';

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
