import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { runWithContext, type RequestContext } from './context.js';
import { DEADLINE_HEADER, deadlineOf } from './deadline.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';

// `+` and `/`: API Gateway's extended request ids are base64, and they are the edge's ids in AWS.
const safeId = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/**
 * The request id a request goes by: the caller's X-Request-Id when it is safe to log and pass on
 * (the gateway's, or a client's at the gateway), a new one otherwise.
 */
export function requestIdOf(incoming: string | undefined): string {
  return incoming && isSafeRequestId(incoming) ? incoming : randomUUID();
}

/** Whether an id may be logged and passed on as it is: short, and of id characters only. */
export function isSafeRequestId(id: string): boolean {
  return safeId.test(id);
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
    logRequestWhenDone(req, res, { logger, metrics, context: { requestId, traceId } });
    runWithContext({ requestId, traceId, deadline }, next);
  };
}

/** How a request's end is logged and counted. */
export interface RequestLogOptions {
  logger: Logger;
  metrics?: ServiceMetrics;
  /** The ids the access-log line carries. */
  context: RequestContext;
  /** `close` also sees requests the client gave up on (the gateway); `finish` only answered ones. */
  event?: 'finish' | 'close';
  /** What else the line says, read once the request has ended. */
  fields?: () => Record<string, unknown>;
}

/**
 * Once `res` ends: counts the request in the metrics under the operationId the app put in
 * `res.locals.operationId`, and writes one JSON access-log line; health checks are neither.
 */
export function logRequestWhenDone(req: Request, res: Response, options: RequestLogOptions): void {
  const { logger, metrics, context } = options;
  const started = process.hrtime.bigint();
  res.on(options.event ?? 'finish', () => {
    if (req.path.startsWith('/health/')) return;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const operationId = (res.locals as { operationId?: string }).operationId;
    metrics?.request(operationId ?? 'unmatched', res.statusCode, durationMs);
    runWithContext(context, () =>
      logger.info(
        {
          method: req.method,
          path: req.path,
          ...(operationId && { operationId }),
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
          ...options.fields?.(),
        },
        'request',
      ),
    );
  });
}

const XRAY_ROOT = /(?:^|;)\s*Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(?:;|$)/;
const TRACEPARENT = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace id a log line carries, from the trace headers of a request (set by the edge: the
 * gateway or API Gateway), only when it has a trace id's exact form; never free text into a log.
 */
export function traceIdOf(amzn: string | undefined, traceparent: string | undefined): string | undefined {
  return amzn?.match(XRAY_ROOT)?.[1] ?? traceparent?.trim().match(TRACEPARENT)?.[1];
}
