// A service's HTTP side: the app from a contract and handlers, health, listening and draining.
export { createServiceApp } from '../app.js';
export { loadContract } from '../contract.js';
export type { Handlers } from '../handlers.js';
export { healthRoutes, type ReadinessCheck } from '../health.js';
export { overloadLimits, type OverloadLimits } from '../overload.js';
export { problemHandler } from '../problem.js';
export { isSafeRequestId, logRequestWhenDone, requestIdOf } from '../request-context.js';
export { protectiveHeaders } from '../response-headers.js';
export { shutdownOnSignals, startServer, type RunningServer } from '../server.js';
// Routes outside the contract (createServiceApp's `localRoutes`), built with the kit's own Express.
export { Router as localRouter, type Router } from 'express';
