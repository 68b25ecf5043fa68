import express, { type Express, type Request, type Response, type Router } from 'express';
import { contractPath } from './config.js';
import { loadContract, routesOf, type RouteMatch } from './contract.js';
import type { TokenVerifier } from './auth.js';
import { MethodNotAllowedError, NotFoundError } from './errors.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { answerByDeadline } from './deadline.js';
import { defaultOverloadLimits, inFlightLimit, type OverloadLimits } from './overload.js';
import { operationDispatch } from './operation-dispatch.js';
import { problemHandler } from './problem.js';
import { requestContext } from './request-context.js';
import { responseCheck, type Answer } from './response-check.js';
import { noStoreOperations, protectiveHeaders } from './response-headers.js';

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
  /**
   * Routes outside the contract under one path prefix, for local development only (the payment
   * sandbox's calls): never routed by the gateway or API Gateway. Their errors answer problem+json
   * like any other. Mounted under the prefix, so no other request passes through them (nor through
   * the tracing of their routes).
   */
  localRoutes?: { prefix: string; router: Router };
}

/** Builds a service's Express app; it never listens (see `startServer`). */
export async function createServiceApp(options: ServiceAppOptions): Promise<Express> {
  const { logger } = options;
  // The definition is loaded first so that only the schemes a contract declares get handlers.
  const api = await loadContract(options.contractPath ?? contractPath(options.service));
  const noStore = noStoreOperations(api.definition);
  const breaches = responseCheck(api);
  // Handler replies and thrown problems go through the same check: strict throws, otherwise logs.
  const honoursContract = (operationId: string, answer: Answer): boolean => {
    const errors = breaches(operationId, answer);
    if (errors.length === 0) return true;
    logger.error({ operationId, status: answer.status, errors }, 'response breaks the contract');
    return !options.strictResponses;
  };
  const route = routesOf(api);
  const dispatch = operationDispatch(api, {
    schemes: api.definition.components?.securitySchemes ?? {},
    verifier: options.verifier,
    internalApiKey: options.internalApiKey,
    handlers: options.handlers,
    noStore,
    honoursContract,
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
  // Matched once, before anything can fail: a problem (overload, malformed body) is counted,
  // traced and checked under its operation too.
  app.use((req, res, next) => {
    const found = route(req.method, req.path);
    localsOf(res).route = found;
    if ('operation' in found) localsOf(res).operationId = found.operation.operationId;
    next();
  });
  app.use(inFlightLimit(overload.maxInFlight));
  app.use(answerByDeadline());
  // The bytes as received are kept beside the parsed body: a signed webhook is verified on them.
  const keepRaw = (req: Request, _res: Response, raw: Buffer) => void ((req as RawRequest).rawBody = raw);
  app.use(
    express.json({ limit: '100kb', type: ['application/json', 'application/*+json'], verify: keepRaw }),
  );
  if (options.localRoutes) app.use(options.localRoutes.prefix, options.localRoutes.router);
  app.use(async (req: Request, res) => {
    const found = localsOf(res).route;
    if (!found || 'missing' in found) {
      if (found?.missing === 'method-not-allowed') throw new MethodNotAllowedError();
      throw new NotFoundError('No such route.');
    }
    const reply = await dispatch(found.operation, {
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body,
      rawBody: (req as RawRequest).rawBody,
    });
    // Answered already: the request ran out of time while the handler worked.
    if (res.headersSent) return;
    res.status(reply.status).set(reply.headers ?? {});
    if (reply.body === undefined) res.end();
    else res.json(reply.body);
  });
  app.use(
    problemHandler(logger, (_req, res, answer) => {
      const operationId = localsOf(res).operationId;
      return operationId === undefined || honoursContract(operationId, answer);
    }),
  );
  return app;
}

interface KitLocals {
  route?: RouteMatch;
  /** Read by the access log and the metrics (`logRequestWhenDone`). */
  operationId?: string;
}

type RawRequest = Request & { rawBody?: Buffer };

const localsOf = (res: Response) => res.locals as KitLocals;
