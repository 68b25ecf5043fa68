import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { runWithContext, type Logger } from '@shopeasy/service-kit';
import type { ApplyResult, InventoryStore } from '../domain/inventory-ports.js';
import { countReview } from '../domain/ratings.js';
import type { RunningConsumer } from './inventory-consumer.js';
import { createPause } from './pause.js';
import { parseReviewMessage } from './review-message.js';

export interface RatingsConsumerDeps {
  sqs: SQSClient;
  queueUrl: string;
  store: Pick<InventoryStore, 'addRating'>;
  logger: Logger;
  /** Long-poll wait (0–20 s). */
  waitSeconds: number;
  batchSize: number;
  visibilityTimeoutSeconds: number;
  /** A failed message comes back after base × 2^(receives − 1) seconds (at most 15 minutes). */
  retryBaseSeconds: number;
}

export type RatingsConsumerStats = Record<ApplyResult | 'other' | 'failed', number>;

const POLL_ERROR_PAUSE_MS = 1_000;

/**
 * Long-polls the catalog-events queue and counts each accepted review in its product's rating
 * summary. A message is deleted after it was applied (or found already applied, or its product is
 * gone); a failing one is left to come back with backoff, and after the queue's maxReceiveCount
 * receives SQS moves it to the DLQ.
 */
export function startRatingsConsumer(deps: RatingsConsumerDeps): RunningConsumer<RatingsConsumerStats> {
  const { sqs, queueUrl, logger } = deps;
  const stats: RatingsConsumerStats = { applied: 0, duplicate: 0, 'unknown-product': 0, other: 0, failed: 0 };
  const pause = createPause();
  const abort = new AbortController();
  let stopping = false;

  async function handle(message: Message): Promise<void> {
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    try {
      const parsed = parseReviewMessage(message.Body);
      const { id: eventId, requestId } = parsed.envelope;
      if (parsed.kind === 'other') {
        stats.other++;
        logger.warn(
          { eventId, type: parsed.envelope.type },
          'event of another type on the catalog queue; dropped',
        );
      } else {
        const context = { requestId: requestId ?? eventId, traceId: requestId ?? eventId };
        const outcome = await runWithContext(context, () =>
          countReview(deps.store, parsed.review, new Date().toISOString()),
        );
        stats[outcome]++;
        const log = outcome === 'unknown-product' ? logger.warn.bind(logger) : logger.info.bind(logger);
        log(
          { eventId, ...parsed.review, outcome },
          outcome === 'unknown-product' ? 'review of an unknown product; nothing to rate' : 'review counted',
        );
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    } catch (error) {
      stats.failed++;
      const delay = Math.min(900, deps.retryBaseSeconds * 2 ** Math.min(receives - 1, 10));
      logger.error(
        { err: error, messageId: message.MessageId, receives, retryInSeconds: delay },
        'review message failed',
      );
      await sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: delay,
          }),
        )
        .catch((cause: unknown) =>
          logger.warn({ err: cause, messageId: message.MessageId }, 'retry delay not set'),
        );
    }
  }

  const loop = (async () => {
    logger.info({ queueUrl }, 'ratings consumer started');
    while (!stopping) {
      let messages: Message[];
      try {
        const result = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: deps.batchSize,
            WaitTimeSeconds: deps.waitSeconds,
            VisibilityTimeout: deps.visibilityTimeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          // Stopping cuts the wait short; a message taken by a cut poll comes back after its visibility timeout.
          { abortSignal: abort.signal },
        );
        messages = result.Messages ?? [];
      } catch (error) {
        if (!stopping) logger.error({ err: error, queueUrl }, 'catalog-events queue could not be polled');
        await pause.wait(POLL_ERROR_PAUSE_MS);
        continue;
      }
      // One after the other: copies of one review in a batch find the first one's marker.
      for (const message of messages) await handle(message);
    }
    logger.info({ queueUrl, ...stats }, 'ratings consumer stopped');
  })();

  return {
    async stop() {
      stopping = true;
      abort.abort();
      pause.wake();
      await loop;
    },
    stats: () => ({ ...stats }),
  };
}
