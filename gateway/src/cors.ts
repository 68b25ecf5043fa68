import { ForbiddenError } from '@shopeasy/service-kit/errors';
import type { RequestHandler } from 'express';
import type { RouteTable } from './routing/index.js';

export interface CorsOptions {
  /** Exact origins (`https://shop.example`), or `*` for any. */
  allowedOrigins: readonly string[];
  routes: RouteTable;
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Cart-Token, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, traceresponse, Retry-After, Location, WWW-Authenticate';

/**
 * CORS for browser clients. Tokens travel in the Authorization header, never in cookies, so
 * credentials are not allowed. Preflights are answered here with the methods the path serves.
 */
export function cors({ allowedOrigins, routes }: CorsOptions): RequestHandler {
  const anyOrigin = allowedOrigins.includes('*');
  return (req, res, next) => {
    const origin = req.get('origin');
    const allowed = origin !== undefined && (anyOrigin || allowedOrigins.includes(origin));
    res.vary('Origin');
    if (allowed) {
      res.set('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      res.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    const preflight =
      req.method === 'OPTIONS' && origin !== undefined && req.get('access-control-request-method');
    if (!preflight) return next();
    const methods = routes.methodsAt(req.path);
    // Unknown paths fall through to the 404; a preflight for them is not worth an answer of its own.
    if (methods.length === 0) return next();
    if (!allowed) throw new ForbiddenError('This origin is not allowed to call the ShopEasy API.');
    res.set('Access-Control-Allow-Methods', methods.join(', '));
    res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
