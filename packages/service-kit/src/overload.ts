import type { RequestHandler } from 'express';
import { ServiceUnavailableError } from './errors.js';
import { sendProblem } from './problem.js';

/** How much a service takes on at once, and how long a request may take (base configuration). */
export interface OverloadLimits {
  /** A request's budget when its caller sends none (`X-Request-Deadline` is capped at it too). */
  requestDeadlineMs: number;
  /** Requests served at once; more are turned away with 503 at once instead of queueing. */
  maxInFlight: number;
}

// 10 s: far below the 30 s that clients and the load tests wait, so they get an answer, not a
// timeout. 256: eight times the 32 concurrent clients of the load tests; a service with that
// many requests open is waiting on something slow, and more would only time out in the queue.
export const defaultOverloadLimits: OverloadLimits = { requestDeadlineMs: 10_000, maxInFlight: 256 };

/** The limits from a service's configuration (`REQUEST_DEADLINE_MS`, `MAX_IN_FLIGHT`). */
export function overloadLimits(config: {
  REQUEST_DEADLINE_MS: number;
  MAX_IN_FLIGHT: number;
}): OverloadLimits {
  return { requestDeadlineMs: config.REQUEST_DEADLINE_MS, maxInFlight: config.MAX_IN_FLIGHT };
}

/**
 * Sheds load: while `maxInFlight` requests are being served, another one is answered 503 with
 * Retry-After at once; work that would only time out in a queue is never started.
 */
export function inFlightLimit(maxInFlight: number): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= maxInFlight) {
      sendProblem(
        res,
        new ServiceUnavailableError('The service is busy; retry shortly.', 1),
        req.originalUrl,
      );
      return;
    }
    inFlight += 1;
    res.once('close', () => (inFlight -= 1));
    next();
  };
}
