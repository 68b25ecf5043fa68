import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import { AppError, NotFoundError, TooManyRequestsError } from '@shopeasy/service-kit/errors';
import type { Request, RequestHandler } from 'express';
import { localsOf } from './access-log.js';
import { authorize, identify } from './auth.js';
import type { Proxy } from './proxy.js';
import type { RouteTable } from './routing/index.js';
import type { TokenBucketThrottle } from './throttle.js';

/** Operations that take a password or a refresh token: guessing at them is throttled harder. */
export const AUTH_OPERATIONS: ReadonlySet<string> = new Set(['login', 'registerUser', 'refreshTokens']);

export interface OperationHandlerDeps {
  routes: RouteTable;
  verifier: TokenVerifier;
  throttle: TokenBucketThrottle;
  /** Per address, for AUTH_OPERATIONS, on top of `throttle`. */
  authThrottle: TokenBucketThrottle;
  proxy: Proxy;
  /** Each request's budget, from its arrival at the gateway. */
  deadlineMs: number;
}

/** Route → authenticate → throttle → authorize → forward, for every request that is not the gateway's own. */
export function operationHandler({
  routes,
  verifier,
  throttle,
  authThrottle,
  proxy,
  deadlineMs,
}: OperationHandlerDeps): RequestHandler {
  return async (req, res) => {
    const deadline = Date.now() + deadlineMs;
    const match = routes.match(req.method, req.path);
    if (match.kind === 'not-found') throw new NotFoundError(`No ShopEasy operation serves ${req.path}.`);
    if (match.kind === 'method-not-allowed') {
      const allow = match.allowed.join(', ');
      throw new AppError(405, 'Method Not Allowed', `${req.path} accepts ${allow}.`, [], { Allow: allow });
    }
    const { route, params } = match;
    const locals = localsOf(res);
    locals.operationId = route.operationId;

    const credentials = { authorization: req.get('authorization'), cartToken: req.get('x-cart-token') };
    const caller = await identify(route, credentials, verifier);
    if (caller.principal) locals.userId = caller.principal.userId;
    // Bad tokens and guests count against the address, so guessing at tokens is throttled too.
    const decision = throttle.take(
      caller.principal ? `user:${caller.principal.userId}` : `ip:${req.ip ?? 'unknown'}`,
    );
    if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds);
    if (AUTH_OPERATIONS.has(route.operationId)) {
      const auth = authThrottle.take(`ip:${req.ip ?? 'unknown'}`);
      if (!auth.allowed) throw new TooManyRequestsError(auth.retryAfterSeconds);
    }
    authorize(route, caller);

    await proxy.forward(req, res, {
      url: routes.upstreamUrl(route, params, queryOf(req)),
      method: route.upstreamMethod,
      service: route.service,
      requestId: locals.requestId,
      deadline,
    });
  };
}

function queryOf(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at === -1 ? '' : req.originalUrl.slice(at);
}
