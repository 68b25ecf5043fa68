import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import { healthRoutes, problemHandler, protectiveHeaders } from '@shopeasy/service-kit/http';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import express, { type Express } from 'express';
import { accessLog } from './access-log.js';
import { cors } from './cors.js';
import { framingGuard } from './framing.js';
import { operationHandler } from './operation-handler.js';
import { pathGuard } from './path-guard.js';
import type { Proxy } from './proxy.js';
import type { RouteTable } from './routing/index.js';
import { TokenBucketThrottle } from './throttle.js';

export interface GatewayDeps {
  /** The operations of the contract's API Gateway flavour, each with its service's base URL. */
  routes: RouteTable;
  verifier: TokenVerifier;
  logger: Logger;
  /** Pooled connections to the services. */
  proxy: Proxy;
  throttle: { ratePerSecond: number; burst: number };
  /** The stricter budget per address for the operations that take credentials (AUTH_OPERATIONS). */
  authThrottle: { ratePerSecond: number; burst: number };
  /** Origins browsers may call from; `*` for any. */
  allowedOrigins: readonly string[];
  /** Each request's budget: a service that has not started answering by then gets the client a 503. */
  requestDeadlineMs: number;
  /** Requests, 4xx, 5xx and latency per operation (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
  /** Monotonic ms for the throttles' refill (tests move time by hand); the system clock otherwise. */
  now?: () => number;
}

/** Builds the gateway from its dependencies; it never listens (see `startServer`). */
export function buildApp(deps: GatewayDeps): Express {
  const { routes } = deps;
  const now = deps.now ?? (() => performance.now());
  const throttle = new TokenBucketThrottle({ ...deps.throttle, now });

  const app = express();
  app.disable('x-powered-by');
  // The gateway's own answers (404, 401, 429, …) too; a service's answer brings its own.
  app.use(protectiveHeaders());
  app.use(accessLog(deps.logger, deps.metrics));
  app.use(framingGuard());
  app.use(pathGuard());
  app.use(cors({ allowedOrigins: deps.allowedOrigins, routes }));
  app.use(
    healthRoutes([
      {
        name: 'routes',
        check: async () => {
          if (routes.routes.length === 0) throw new Error('no routes loaded');
        },
      },
    ]),
  );
  app.use(
    operationHandler({
      routes,
      verifier: deps.verifier,
      throttle,
      authThrottle: new TokenBucketThrottle({ ...deps.authThrottle, now }),
      proxy: deps.proxy,
      deadlineMs: deps.requestDeadlineMs,
    }),
  );
  app.use(problemHandler(deps.logger));
  return app;
}
