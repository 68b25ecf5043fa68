import type { Message } from '@aws-sdk/client-sqs';
import { runWithContext, type AwsClients, type Logger } from '@shopeasy/service-kit';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import { createOrdersClient } from '../clients/orders-client.js';
import type { FeedbackConfig } from '../config.js';
import { createReviewEvents } from '../data-access/review-events.js';
import { createReviewRepository } from '../data-access/review-repository.js';
import type { PurchasesPort, WorkerDeps as DomainWorkerDeps } from '../domain/ports.js';
import { processSubmission } from '../domain/process-review.js';
import { createQueueConsumer, receiveCountOf, type QueueConsumer } from './queue-consumer.js';
import { retryDelaySeconds } from './retry-delay.js';
import { parseSubmission, reviewIdOf } from './submission-message.js';

export interface WorkerDeps {
  config: FeedbackConfig;
  logger: Logger;
  aws: Pick<AwsClients, 'dynamo' | 'sqs' | 'sns'>;
  /** Defaults to the orders service at ORDERS_URL. */
  purchases?: PurchasesPort;
}

export interface RunningWorker {
  /** Stops polling, lets the batch in hand finish, and resolves when the worker is idle. */
  stop(): Promise<void>;
}

/** How long to wait after the queue itself could not be polled. */
const POLL_ERROR_PAUSE_MS = 1000;

/**
 * Polls the feedback queue until stopped: long polls, bounded batches, messages of a batch
 * processed in parallel. A message is deleted only after it was processed; a failed one is
 * left on the queue to come back later (with backoff), and after the queue's maxReceiveCount
 * receives SQS moves it to the DLQ. Nothing is lost while no worker runs: messages wait.
 */
export function startWorker(deps: WorkerDeps): RunningWorker {
  const { config, logger } = deps;
  const consumer = createQueueConsumer(deps.aws.sqs, {
    queueUrl: config.FEEDBACK_QUEUE_URL,
    batchSize: config.WORKER_BATCH_SIZE,
    waitSeconds: config.WORKER_WAIT_SECONDS,
    visibilityTimeoutSeconds: config.WORKER_VISIBILITY_TIMEOUT_SECONDS,
  });
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
  };
  const handle = (message: Message) => handleMessage(domain, consumer, config, message);

  let stopping = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    logger.info({ queueUrl: config.FEEDBACK_QUEUE_URL }, 'feedback worker started');
    while (!stopping) {
      try {
        // The poll in flight is not cut short on stop: a message it takes must not be stranded.
        const messages = await consumer.receive();
        // Copies of one review's message in the same batch go one after the other, so the
        // second finds the first's work done and publishes nothing again.
        await Promise.all(
          byReview(messages).map(async (copies) => {
            for (const message of copies) await handle(message);
          }),
        );
      } catch (error) {
        logger.error({ err: error }, 'feedback queue could not be polled');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, POLL_ERROR_PAUSE_MS).unref();
        });
      }
    }
    logger.info('feedback worker stopped');
  })();

  return {
    async stop() {
      stopping = true;
      wake();
      await loop;
    },
  };
}

async function handleMessage(
  deps: DomainWorkerDeps,
  consumer: QueueConsumer,
  config: FeedbackConfig,
  message: Message,
) {
  const receives = receiveCountOf(message);
  const fallbackId = message.MessageId ?? 'unknown-message';
  try {
    const submission = parseSubmission(message.Body);
    const requestId = submission.requestId ?? fallbackId;
    const status = await runWithContext({ requestId, traceId: requestId }, () =>
      processSubmission(deps, submission),
    );
    await consumer.delete(message);
    deps.logger.info({ reviewId: submission.reviewId, status, requestId }, 'review processed');
  } catch (error) {
    const delay = retryDelaySeconds(
      receives,
      config.WORKER_RETRY_BASE_SECONDS,
      config.WORKER_RETRY_MAX_SECONDS,
    );
    const last = receives >= MAX_RECEIVE_COUNT;
    deps.logger[last ? 'error' : 'warn'](
      { err: error, messageId: message.MessageId, receives, retryInSeconds: delay },
      last
        ? 'review message failed for the last time; it moves to the DLQ'
        : 'review message failed; it will be retried',
    );
    await consumer.retryLater(message, delay).catch((cause: unknown) => {
      // The message still comes back, after the full visibility timeout.
      deps.logger.warn({ err: cause, messageId: message.MessageId }, 'could not shorten the retry delay');
    });
  }
}

function byReview(messages: Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    const key = reviewIdOf(message.Body) ?? message.MessageId ?? String(groups.size);
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  return [...groups.values()];
}
