import express, { type Express } from 'express';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../metrics.js';
import { logRequestWhenDone, requestIdOf } from '../request-context.js';
import { PROTECTIVE_HEADERS } from '../response-headers.js';
import type { CachedAnswer, ReadCache } from './read-cache.js';

export interface InFrontOptions {
  logger: Logger;
  metrics?: ServiceMetrics;
}

/**
 * An app that answers public GETs from `cache` and passes everything else, and every miss, to
 * `app`: a miss is checked against the contract there, so a kept answer is not checked again.
 * A hit gets the headers, access-log line and metrics a fresh answer gets.
 */
export function withReadCache(app: Express, cache: ReadCache, options: InFrontOptions): Express {
  const front = express();
  front.disable('x-powered-by');
  front.set('etag', false);
  front.use((req, res, next) => {
    const serve = (answer: CachedAnswer) => {
      const requestId = requestIdOf(req.get('x-request-id'));
      res.locals.operationId = answer.operationId;
      logRequestWhenDone(req, res, { ...options, context: { requestId, traceId: requestId } });
      // Age lets the caches downstream count the seconds this copy already spent here.
      res
        .status(200)
        .set({
          ...PROTECTIVE_HEADERS,
          ...answer.headers,
          'X-Request-Id': requestId,
          Age: String(cache.ageOf(answer)),
        })
        .end(answer.body);
    };
    cache.handle(req, res, serve, () => next()).catch(next);
  });
  front.use(app);
  return front;
}
