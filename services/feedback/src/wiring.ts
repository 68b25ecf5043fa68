import { createTokenVerifier } from '@shopeasy/service-kit/auth';
import { createAwsClients, tableReadiness } from '@shopeasy/service-kit/aws';
import { overloadLimits } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { metricsFor, type Logger, type MetricsOverride } from '@shopeasy/service-kit/telemetry';
import type { FeedbackAppDeps } from './app.js';
import { createCatalogClient } from './clients/catalog-client.js';
import { createOrdersClient } from './clients/orders-client.js';
import type { FeedbackConfig } from './config.js';
import { createReviewEvents } from './data-access/review-events.js';
import { createReviewQueue } from './data-access/review-queue.js';
import { createReviewRepository } from './data-access/review-repository.js';
import { createQueueWorker, type QueueWorker } from './worker/worker.js';

/** What tests replace in the real wiring. */
export type FeedbackOverrides = MetricsOverride;

export interface FeedbackWiring {
  deps: FeedbackAppDeps;
  /** Starts the queue worker (main.ts when WORKER_ENABLED, worker/run.ts always). */
  start(): QueueWorker;
  /** Stops the queue worker (its batch finished) and the metrics, then closes the AWS clients. */
  close(): Promise<void>;
}

/** The feedback service's adapters, built once from its configuration, for the API and the worker. */
export function wireFeedback(
  config: FeedbackConfig,
  logger: Logger,
  overrides: FeedbackOverrides = {},
): FeedbackWiring {
  const aws = createAwsClients(config, 'feedback');
  const metrics = metricsFor('feedback', config, overrides);
  const table = config.FEEDBACK_TABLE;
  const reviews = createReviewRepository(aws.dynamo, table);
  const deps: FeedbackAppDeps = {
    domain: {
      reviews,
      queue: createReviewQueue(aws.sqs, config.FEEDBACK_QUEUE_URL),
      catalog: createCatalogClient({ baseUrl: config.CATALOG_URL, timeoutMs: config.PEER_TIMEOUT_MS }),
      logger,
      newId,
      now: () => new Date().toISOString(),
    },
    verifier: createTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      jwks: config.JWKS_URL,
    }),
    readiness: [tableReadiness(aws.dynamo, table, 'feedback-table')],
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(metrics ? { metrics } : {}),
  };
  const worker = createQueueWorker({
    domain: {
      reviews,
      events: createReviewEvents(aws.sns, config.EVENTS_TOPIC_ARN),
      orders: createOrdersClient({
        baseUrl: config.ORDERS_URL,
        internalApiKey: config.INTERNAL_API_KEY,
        timeoutMs: config.PEER_TIMEOUT_MS,
      }),
      logger,
      ...(metrics ? { metrics } : {}),
    },
    sqs: aws.sqs,
    settings: config,
    ...(metrics ? { metrics } : {}),
  });
  return {
    deps,
    start() {
      worker.start();
      return worker;
    },
    async close() {
      await worker.stop();
      metrics?.stop();
      aws.destroy();
    },
  };
}
