import { runWithContext } from '@shopeasy/service-kit/context';
import { logRequestWhenDone, requestIdOf } from '@shopeasy/service-kit/http';
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
 * Keeps a sane incoming X-Request-Id or makes one (the services' rule), echoes it, and writes the
 * service kit's access-log line per request, with the caller and whether the client gave up
 * (never headers, bodies or tokens), counting it in the metrics by operationId.
 */
export function accessLog(logger: Logger, metrics?: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdOf(req.get('x-request-id'));
    const context = { requestId, traceId: req.get('traceparent')?.split('-')[1] ?? requestId };
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    // On `close`, so that a request the client abandons is logged too.
    logRequestWhenDone(req, res, {
      logger,
      metrics,
      context,
      event: 'close',
      fields: () => {
        const { userId } = localsOf(res);
        return { requestId, ...(userId && { userId }), ...(!res.writableFinished && { aborted: true }) };
      },
    });
    runWithContext(context, next);
  };
}
