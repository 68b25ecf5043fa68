import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { runWithContext } from '@shopeasy/service-kit/context';
import { backoffSeconds, type RunningQueueConsumer, startQueueConsumer } from '@shopeasy/service-kit/jobs';
import type { ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import type { FeedbackConfig } from '../config.js';
import type { WorkerDeps } from '../domain/ports.js';
import { processSubmission } from '../domain/process-review.js';
import { parseSubmission, reviewIdOf } from './submission-message.js';

/** What the queue worker is built from: the use case's ports, the queue and how to poll it. */
export interface QueueWorkerDeps {
  domain: WorkerDeps;
  sqs: SQSClient;
  settings: Pick<
    FeedbackConfig,
    | 'FEEDBACK_QUEUE_URL'
    | 'WORKER_BATCH_SIZE'
    | 'WORKER_WAIT_SECONDS'
    | 'WORKER_VISIBILITY_TIMEOUT_SECONDS'
    | 'WORKER_RETRY_BASE_SECONDS'
    | 'WORKER_RETRY_MAX_SECONDS'
  >;
  /** StreamLag per message; none when left out. */
  metrics?: ServiceMetrics;
}

/** The queue worker of one process: `start()` begins polling (once), `stop()` finishes the batch in hand. */
export interface QueueWorker {
  start(): void;
  stop(): Promise<void>;
}

export function createQueueWorker(deps: QueueWorkerDeps): QueueWorker {
  let running: RunningQueueConsumer | undefined;
  return {
    start() {
      running ??= startWorker(deps);
    },
    async stop() {
      const stopping = running;
      running = undefined;
      await stopping?.stop();
    },
  };
}

/**
 * Polls the feedback queue until stopped (the service kit's queue consumer): bounded batches,
 * copies of one review's message handled one after the other, other reviews in parallel. A
 * message is deleted only after it was processed; a failed one comes back with backoff, and after
 * the queue's maxReceiveCount receives SQS moves it to the DLQ. Nothing is lost while no worker
 * runs: messages wait. On stop the poll in flight finishes, so no message it takes is stranded.
 */
function startWorker({ domain, sqs, settings, metrics }: QueueWorkerDeps): RunningQueueConsumer {
  return startQueueConsumer({
    sqs,
    queueUrl: settings.FEEDBACK_QUEUE_URL,
    logger: domain.logger,
    name: 'feedback',
    batchSize: settings.WORKER_BATCH_SIZE,
    waitSeconds: settings.WORKER_WAIT_SECONDS,
    visibilityTimeoutSeconds: settings.WORKER_VISIBILITY_TIMEOUT_SECONDS,
    retryDelaySeconds: (receives) =>
      backoffSeconds(receives, settings.WORKER_RETRY_BASE_SECONDS, settings.WORKER_RETRY_MAX_SECONDS),
    // The second copy finds the first's work done and publishes nothing again.
    orderingKey: (message) => reviewIdOf(message.Body),
    handle: (message, receives) => handleMessage(domain, message, receives),
    ...(metrics ? { metrics } : {}),
  });
}

async function handleMessage(deps: WorkerDeps, message: Message, receives: number): Promise<void> {
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
