import { runWithContext } from '@shopeasy/service-kit/context';
import { requestIdOf } from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { RequestHandler, Response } from 'express';

/** What the gateway learns about a request on its way through (kept in `res.locals`). */
export interface GatewayLocals {
  requestId: string;
  operationId?: string;
  userId?: string;
}

export const localsOf = (res: Response) => res.locals as GatewayLocals;

/**
 * Keeps a sane incoming X-Request-Id or makes one, echoes it, writes one JSON access-log line
 * per request (never headers, bodies or tokens) and counts it in the metrics by operationId.
 */
export function accessLog(logger: Logger, metrics?: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    // The services' own check, so the id a client sends is the id every log line carries.
    const requestId = requestIdOf(req.get('x-request-id'));
    const traceId = req.get('traceparent')?.split('-')[1] ?? requestId;
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('close', () => {
      if (req.path.startsWith('/health/')) return;
      const { operationId, userId } = localsOf(res);
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      metrics?.request(operationId ?? 'unmatched', res.statusCode, durationMs);
      runWithContext({ requestId, traceId }, () =>
        logger.info(
          {
            method: req.method,
            path: req.path,
            ...(operationId && { operationId }),
            status: res.statusCode,
            durationMs,
            requestId,
            ...(userId && { userId }),
            ...(!res.writableFinished && { aborted: true }),
          },
          'request',
        ),
      );
    });
    runWithContext({ requestId, traceId }, next);
  };
}
