import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { Context } from 'openapi-backend';
import { contractPath } from './config.js';
import { loadContract } from './contract.js';
import { bearerToken, requireRole, type Principal, type TokenVerifier } from './auth.js';
import {
  AppError,
  MethodNotAllowedError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from './errors.js';
import type { AnyHandler } from './handlers.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { answerByDeadline } from './deadline.js';
import { defaultOverloadLimits, inFlightLimit, type OverloadLimits } from './overload.js';
import { ContractBreachError, problemHandler } from './problem.js';
import { requestContext } from './request-context.js';
import { responseCheck, type Answer } from './response-check.js';
import { NO_STORE, noStoreOperations, protectiveHeaders } from './response-headers.js';
import { toFieldErrors } from './validation.js';

export interface ServiceAppOptions {
  /** The service's name: its contract is contracts/<service>.yaml. */
  service: string;
  /** Another OpenAPI document than contracts/<service>.yaml (the kit's own tests). */
  contractPath?: string;
  /** One handler per operationId; type them with `Handlers<operations>` from the generated types. */
  handlers: object;
  verifier: TokenVerifier;
  logger: Logger;
  readiness?: ReadinessCheck[];
  /**
   * Key that `/internal/` (service-to-service) operations require in X-Internal-Key; during a
   * rotation, the list of keys accepted (`internalApiKeys(config)`).
   */
  internalApiKey?: string | readonly string[];
  /** A response that breaks the contract: a 500 when strict (tests), logged otherwise (production). */
  strictResponses: boolean;
  /** Request budget and in-flight limit; `overloadLimits(config)` gives the configured ones. */
  overload?: OverloadLimits;
  /** Requests, 4xx, 5xx and latency per operation (`createServiceMetrics`); none when absent. */
  metrics?: ServiceMetrics;
}

/** Builds a service's Express app; it never listens (see `startServer`). */
export async function createServiceApp(options: ServiceAppOptions): Promise<Express> {
  const { logger, verifier } = options;
  // The definition is loaded first so that only the schemes a contract declares get handlers.
  const api = await loadContract(options.contractPath ?? contractPath(options.service));
  const schemes = api.definition.components?.securitySchemes ?? {};
  if ('bearerAuth' in schemes)
    api.registerSecurityHandler('bearerAuth', async (c: Context) => {
      const principal = await verifier.verify(bearerToken(headerOf(c, 'authorization')));
      // Role checks sit with authentication, so a customer learns nothing about admin input rules.
      requireRole(principal, (c.operation as { 'x-shopeasy-roles'?: string[] })['x-shopeasy-roles'] ?? []);
      return principal;
    });
  if ('internalKey' in schemes)
    api.registerSecurityHandler('internalKey', (c: Context) => {
      if (!sameSecret(headerOf(c, 'x-internal-key'), [options.internalApiKey ?? []].flat())) {
        throw new UnauthorizedError('A valid internal service key is required.');
      }
      return true;
    });
  const noStore = noStoreOperations(api.definition);
  const breaches = responseCheck(api);
  // Handler replies and thrown problems go through the same check: strict throws, otherwise logs.
  const honoursContract = (operationId: string, answer: Answer): boolean => {
    const errors = breaches(operationId, answer);
    if (errors.length === 0) return true;
    logger.error({ operationId, status: answer.status, errors }, 'response breaks the contract');
    return !options.strictResponses;
  };
  for (const [operationId, handler] of Object.entries(options.handlers) as [string, AnyHandler][]) {
    api.register(operationId, async (c: Context) => {
      const reply = await handler({
        params: c.request.params as never,
        query: c.request.query as never,
        headers: c.request.headers as Record<string, string | undefined>,
        body: c.request.requestBody as never,
        principal: (c.security as { bearerAuth?: Principal } | undefined)?.bearerAuth,
      });
      return noStore.has(operationId) ? { ...reply, headers: { ...reply.headers, ...NO_STORE } } : reply;
    });
  }
  api.register({
    unauthorizedHandler: (c: Context) => {
      const results = c.security as Record<string, { error?: unknown } | undefined>;
      throw results.bearerAuth?.error ?? results.internalKey?.error ?? new UnauthorizedError();
    },
    validationFail: (c: Context) => {
      throw new ValidationError('The request is not valid.', toFieldErrors(c.validation.errors ?? []));
    },
    notFound: () => {
      throw new NotFoundError('No such route.');
    },
    methodNotAllowed: () => {
      throw new MethodNotAllowedError();
    },
    postResponseHandler: (c: Context) => {
      const reply = c.response as Reply;
      const answer = { status: reply.status, mediaType: 'application/json', body: reply.body };
      if (!honoursContract(c.operation.operationId ?? '', answer)) throw new ContractBreachError();
      return reply;
    },
    notImplemented: (c: Context) => {
      throw new AppError(501, 'Not Implemented', `${c.operation.operationId} is not implemented.`);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // No body hashes as validators: conditional requests are not part of any contract.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(protectiveHeaders());
  const overload = options.overload ?? defaultOverloadLimits;
  app.use(requestContext(logger, overload.requestDeadlineMs, options.metrics));
  // Health checks answer even when the service is saturated: it is alive, only busy.
  app.use(healthRoutes(options.readiness ?? []));
  app.use(inFlightLimit(overload.maxInFlight));
  app.use(answerByDeadline());
  app.use(express.json({ limit: '100kb', type: ['application/json', 'application/*+json'] }));
  app.use(async (req: Request, res) => {
    const request = {
      method: req.method,
      path: req.path,
      query: req.query as never,
      headers: req.headers as never,
      body: req.body,
    };
    // Known before the handler runs, so a thrown error is counted and its span named under it too.
    const operationId = api.matchOperation(request)?.operationId;
    if (operationId) res.locals.operationId = operationId;
    const reply = (await api.handleRequest(request, req, res)) as Reply;
    // Answered already: the request ran out of time while the handler worked.
    if (res.headersSent) return;
    res.status(reply.status).set(reply.headers ?? {});
    if (reply.body === undefined) res.end();
    else res.json(reply.body);
  });
  // Errors thrown before the operation was known (a malformed body) are checked against it too.
  const operationOf = (req: Request, res: Response): string | undefined =>
    (res.locals.operationId as string | undefined) ??
    api.matchOperation({ method: req.method, path: req.path, headers: req.headers as never })?.operationId;
  app.use(
    problemHandler(logger, (req, res, answer) => {
      const operationId = operationOf(req, res);
      return operationId === undefined || honoursContract(operationId, answer);
    }),
  );
  return app;
}

type Reply = Awaited<ReturnType<AnyHandler>>;

/** Compares digests in constant time, against every accepted key (no early exit). */
function sameSecret(given: string | undefined, accepted: readonly string[]): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const a = digest(given ?? '');
  const matches = accepted.filter((key) => timingSafeEqual(a, digest(key)));
  return given !== undefined && matches.length > 0;
}

function headerOf(c: Context, name: string): string | undefined {
  const value = c.request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
