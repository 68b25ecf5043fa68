// How the proxy tells a slow, restarting or oversized exchange apart, and what the client gets.
import { AppError, ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import type { Request } from 'express';

export class UpstreamTimeout extends Error {}

/** No answer began: the connection was refused, reset or hung up (a service restarting). */
export class UpstreamUnreachable extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

// Errors after which an idempotent read is worth sending again: nothing was answered.
export const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

// The service did not start answering within the request's budget: fail fast, the client may retry.
export const tooSlow = (service: string) =>
  new ServiceUnavailableError(`The ${service} service did not answer in time; retry shortly.`);

// A restart takes seconds locally and on ECS: the client is told when to come back, at once.
export const unreachable = (service: string, cause: Error) => {
  const problem = new ServiceUnavailableError(
    `The ${service} service is not reachable right now (restarting); retry shortly.`,
  );
  problem.cause = cause; // the log shows ECONNREFUSED and friends; the client sees the problem only
  return problem;
};

// The unread rest of an oversized body is not worth draining: the connection closes after the 413.
export const tooLarge = () =>
  new AppError(413, 'Content Too Large', 'The request body is too large.', [], { Connection: 'close' });

// Only bodiless GET and HEAD are sent twice: anything else might have been acted on.
export const isRetryable = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !req.headers['transfer-encoding'] &&
  Number(req.headers['content-length'] ?? 0) === 0;
