import { AppError } from '@shopeasy/service-kit/errors';
import type { RequestHandler } from 'express';

// Methods whose requests carry no body in this API: one sent anyway is refused, not passed on.
const BODILESS = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * Refuses a body on GET, HEAD and DELETE before anything else reads the request. A body there is
 * how a second request hides inside the first (its bytes, once unframed, would reach the service
 * as a pipelined request that skipped the path guard, the throttles and the header stripping), so
 * the connection closes with the answer. Ambiguous framing (both Content-Length and
 * Transfer-Encoding, two lengths) never gets here: Node's parser refuses it (startServer answers).
 */
export function framingGuard(): RequestHandler {
  return (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (BODILESS.has(req.method) && hasBody) {
      throw new AppError(400, 'Bad Request', `A ${req.method} request carries no body.`, [], {
        Connection: 'close',
      });
    }
    next();
  };
}
