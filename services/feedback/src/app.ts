import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTokenVerifier, type TokenVerifier } from '@shopeasy/service-kit/auth';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import { createServiceApp, overloadLimits } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { createCatalogClient } from './clients/catalog-client.js';
import type { FeedbackConfig } from './config.js';
import { keys } from './data-access/keys.js';
import { createReviewQueue } from './data-access/review-queue.js';
import { createReviewRepository } from './data-access/review-repository.js';
import type { CatalogPort } from './domain/ports.js';
import { feedbackHandlers } from './http/handlers.js';

export { loadFeedbackConfig, type FeedbackConfig } from './config.js';
export { startWorker, type RunningWorker, type WorkerDeps } from './worker/worker.js';
export { reviewAcceptedEventId } from './data-access/review-events.js';

export interface AppDeps {
  config: FeedbackConfig;
  logger: Logger;
  aws: Pick<AwsClients, 'dynamo' | 'sqs'>;
  /** Defaults to the users service's JWKS at JWKS_URL. */
  verifier?: TokenVerifier;
  /** Defaults to the catalog service at CATALOG_URL. */
  catalog?: CatalogPort;
  /** Per-operation metrics (CloudWatch EMF); none when left out. */
  metrics?: ServiceMetrics;
}

/** The feedback service's HTTP API, ready to serve; it never listens (main.ts and tests do that). */
export async function buildApp(deps: AppDeps): ReturnType<typeof createServiceApp> {
  const { config, logger } = deps;
  const table = config.FEEDBACK_TABLE;
  const handlers = feedbackHandlers({
    reviews: createReviewRepository(deps.aws.dynamo, table),
    queue: createReviewQueue(deps.aws.sqs, config.FEEDBACK_QUEUE_URL),
    catalog:
      deps.catalog ?? createCatalogClient({ baseUrl: config.CATALOG_URL, timeoutMs: config.PEER_TIMEOUT_MS }),
    logger,
    newId,
    now: () => new Date().toISOString(),
  });
  return createServiceApp({
    service: 'feedback',
    handlers,
    verifier:
      deps.verifier ??
      createTokenVerifier({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        jwks: config.JWKS_URL,
      }),
    logger,
    readiness: [{ name: 'feedback-table', check: () => tableAnswers(deps.aws.dynamo, table) }],
    strictResponses: config.NODE_ENV === 'test',
    overload: overloadLimits(config),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}

// A GetItem of a key that never exists: cheap, and needs only the read permission the service has.
async function tableAnswers(db: DynamoDBDocumentClient, table: string): Promise<void> {
  await db.send(new GetCommand({ TableName: table, Key: keys.review('READINESS') }));
}
