import { randomUUID } from 'node:crypto';
import { runWithContext } from '@shopeasy/service-kit/context';
import { isSafeRequestId, logRequestWhenDone } from '@shopeasy/service-kit/http';
import { currentSpanIds, type Logger, type ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { RequestHandler, Response } from 'express';

/** What the gateway learns about a request on its way through (kept in `res.locals`). */
export interface GatewayLocals {
  requestId: string;
  operationId?: string;
  userId?: string;
}

export const localsOf = (res: Response) => res.locals as GatewayLocals;

/**
 * Makes every request's id here, at the edge, and echoes it; a client's own X-Request-Id is only
 * logged beside it (`clientRequestId`), and only when it is a short, plain id. Writes the service
 * kit's access-log line per request, with the caller and whether the client gave up (never
 * headers, bodies or tokens), counting it in the metrics by operationId.
 */
export function accessLog(logger: Logger, metrics?: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    const sent = req.get('x-request-id');
    const clientRequestId = sent !== undefined && isSafeRequestId(sent) ? sent : undefined;
    // The trace, when there is one, started here (the edge continues no client's trace); the
    // client learns its id (W3C `traceresponse`), to quote to support beside the request id.
    const span = currentSpanIds();
    const context = { requestId, traceId: span?.traceId ?? requestId };
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    if (span) res.set('traceresponse', `00-${span.traceId}-${span.spanId}-${span.sampled ? '01' : '00'}`);
    // On `close`, so that a request the client abandons is logged too.
    logRequestWhenDone(req, res, {
      logger,
      metrics,
      context,
      event: 'close',
      fields: () => {
        const { userId } = localsOf(res);
        return {
          requestId,
          ...(clientRequestId && { clientRequestId }),
          ...(userId && { userId }),
          ...(!res.writableFinished && { aborted: true }),
        };
      },
    });
    runWithContext(context, next);
  };
}
