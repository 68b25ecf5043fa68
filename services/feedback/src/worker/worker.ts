import type { Message } from '@aws-sdk/client-sqs';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import { runWithContext } from '@shopeasy/service-kit/context';
import { backoffSeconds, type RunningQueueConsumer, startQueueConsumer } from '@shopeasy/service-kit/jobs';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import { createOrdersClient } from '../clients/orders-client.js';
import type { FeedbackConfig } from '../config.js';
import { createReviewEvents } from '../data-access/review-events.js';
import { createReviewRepository } from '../data-access/review-repository.js';
import type { PurchasesPort, WorkerDeps as DomainWorkerDeps } from '../domain/ports.js';
import { processSubmission } from '../domain/process-review.js';
import { parseSubmission, reviewIdOf } from './submission-message.js';

export interface WorkerDeps {
  config: FeedbackConfig;
  logger: Logger;
  aws: Pick<AwsClients, 'dynamo' | 'sqs' | 'sns'>;
  /** Defaults to the orders service at ORDERS_URL. */
  purchases?: PurchasesPort;
  metrics?: ServiceMetrics;
}

export type RunningWorker = RunningQueueConsumer;

/**
 * Polls the feedback queue until stopped (the service kit's queue consumer): bounded batches,
 * copies of one review's message handled one after the other, other reviews in parallel. A
 * message is deleted only after it was processed; a failed one comes back with backoff, and after
 * the queue's maxReceiveCount receives SQS moves it to the DLQ. Nothing is lost while no worker
 * runs: messages wait. On stop the poll in flight finishes, so no message it takes is stranded.
 */
export function startWorker(deps: WorkerDeps): RunningWorker {
  const { config, logger } = deps;
  const domain: DomainWorkerDeps = {
    reviews: createReviewRepository(deps.aws.dynamo, config.FEEDBACK_TABLE),
    events: createReviewEvents(deps.aws.sns, config.EVENTS_TOPIC_ARN),
    purchases:
      deps.purchases ??
      createOrdersClient({
        baseUrl: config.ORDERS_URL,
        internalApiKey: config.INTERNAL_API_KEY,
        timeoutMs: config.PEER_TIMEOUT_MS,
      }),
    logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  };
  return startQueueConsumer({
    sqs: deps.aws.sqs,
    queueUrl: config.FEEDBACK_QUEUE_URL,
    logger,
    name: 'feedback',
    batchSize: config.WORKER_BATCH_SIZE,
    waitSeconds: config.WORKER_WAIT_SECONDS,
    visibilityTimeoutSeconds: config.WORKER_VISIBILITY_TIMEOUT_SECONDS,
    retryDelaySeconds: (receives) =>
      backoffSeconds(receives, config.WORKER_RETRY_BASE_SECONDS, config.WORKER_RETRY_MAX_SECONDS),
    // The second copy finds the first's work done and publishes nothing again.
    orderingKey: (message) => reviewIdOf(message.Body),
    handle: (message, receives) => handleMessage(domain, message, receives),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}

async function handleMessage(deps: DomainWorkerDeps, message: Message, receives: number): Promise<void> {
  const fallbackId = message.MessageId ?? 'unknown-message';
  try {
    const submission = parseSubmission(message.Body);
    const requestId = submission.requestId ?? fallbackId;
    const status = await runWithContext({ requestId, traceId: requestId }, () =>
      processSubmission(deps, submission),
    );
    deps.logger.info({ reviewId: submission.reviewId, status, requestId }, 'review processed');
  } catch (error) {
    if (receives >= MAX_RECEIVE_COUNT) {
      deps.logger.error(
        { err: error, messageId: message.MessageId, receives },
        'review message failed for the last time; it moves to the DLQ',
      );
    }
    throw error;
  }
}
