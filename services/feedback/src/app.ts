import type { TokenVerifier } from '@shopeasy/service-kit/auth';
import { createServiceApp, type OverloadLimits, type ReadinessCheck } from '@shopeasy/service-kit/http';
import type { ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { Express } from 'express';
import type { ApiDeps } from './domain/ports.js';
import { feedbackHandlers } from './http/handlers.js';

/** The ports and settings the feedback app is built from (`wireFeedback` makes them from config). */
export interface FeedbackAppDeps {
  domain: ApiDeps;
  /** Verifies access tokens against the users service's JWKS. */
  verifier: TokenVerifier;
  readiness: ReadinessCheck[];
  /** Contract-breaking responses become a 500 (tests) instead of a log line. */
  strictResponses: boolean;
  overload: OverloadLimits;
  /** Per-operation metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
}

/** The feedback service's HTTP API from its ports; it never listens (main.ts and tests do that). */
export function buildApp(deps: FeedbackAppDeps): Promise<Express> {
  return createServiceApp({
    service: 'feedback',
    handlers: feedbackHandlers(deps.domain),
    verifier: deps.verifier,
    logger: deps.domain.logger,
    readiness: deps.readiness,
    strictResponses: deps.strictResponses,
    overload: deps.overload,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}
