import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithContext } from './context.js';
import { DEADLINE_HEADER, deadlineOf } from './deadline.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';

const safeId = /^[A-Za-z0-9._:=-]{1,128}$/;

/**
 * The request id a request goes by: the caller's X-Request-Id when it is safe to log and pass on
 * (the gateway's, or a client's at the gateway), a new one otherwise.
 */
export function requestIdOf(incoming: string | undefined): string {
  return incoming && safeId.test(incoming) ? incoming : randomUUID();
}

/**
 * Request id (kept from the gateway or made here), trace id, the deadline (what the caller sent
 * in X-Request-Deadline, at most `budgetMs`), one JSON access-log line, and the request's metrics
 * under the operationId the app put in `res.locals.operationId`.
 */
export function requestContext(logger: Logger, budgetMs: number, metrics?: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const deadline = deadlineOf(req.get(DEADLINE_HEADER), budgetMs);
    const requestId = requestIdOf(req.get('x-request-id'));
    const traceId = traceIdOf(req.get('x-amzn-trace-id'), req.get('traceparent')) ?? requestId;
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path.startsWith('/health/')) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const operationId = (res.locals as { operationId?: string }).operationId;
      metrics?.request(operationId ?? 'unmatched', res.statusCode, durationMs);
      runWithContext({ requestId, traceId }, () =>
        logger.info(
          {
            method: req.method,
            path: req.path,
            ...(operationId && { operationId }),
            status: res.statusCode,
            durationMs: Math.round(durationMs * 10) / 10,
          },
          'request',
        ),
      );
    });
    runWithContext({ requestId, traceId, deadline }, next);
  };
}

function traceIdOf(amzn: string | undefined, traceparent: string | undefined): string | undefined {
  const root = amzn?.match(/Root=([^;]+)/)?.[1];
  if (root) return root;
  return traceparent?.split('-')[1];
}
