import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { runWithContext } from '@shopeasy/service-kit/context';
import { backoffSeconds, startQueueConsumer } from '@shopeasy/service-kit/jobs';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { ApplyResult, InventoryStore } from '../domain/inventory-ports.js';
import { countReview } from '../domain/ratings.js';
import type { RunningConsumer } from './inventory-consumer.js';
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
  /** `StreamLag` (consumer=ratings): how long each review waited in the queue. */
  metrics?: ServiceMetrics;
}

export type RatingsConsumerStats = Record<ApplyResult | 'other' | 'failed', number>;

/**
 * Long-polls the catalog-events queue (the service kit's queue consumer) and counts each accepted
 * review in its product's rating summary. A message is deleted after it was applied (or found
 * already applied, or its product is gone); a failing one comes back with backoff, and after the
 * queue's maxReceiveCount receives SQS moves it to the DLQ. Messages are handled in order, so
 * copies of one review in a batch find the first one's marker. Stopping cuts the long poll short;
 * a message taken by a cut poll comes back after its visibility timeout.
 */
export function startRatingsConsumer(deps: RatingsConsumerDeps): RunningConsumer<RatingsConsumerStats> {
  const { logger } = deps;
  const stats: RatingsConsumerStats = { applied: 0, duplicate: 0, 'unknown-product': 0, other: 0, failed: 0 };

  async function handle(message: Message): Promise<void> {
    try {
      const parsed = parseReviewMessage(message.Body);
      const { id: eventId, requestId } = parsed.envelope;
      if (parsed.kind === 'other') {
        stats.other++;
        logger.warn(
          { eventId, type: parsed.envelope.type },
          'event of another type on the catalog queue; dropped',
        );
        return;
      }
      const context = { requestId: requestId ?? eventId, traceId: requestId ?? eventId };
      const outcome = await runWithContext(context, () =>
        countReview(deps.store, parsed.review, new Date().toISOString()),
      );
      stats[outcome]++;
      if (outcome === 'unknown-product') {
        logger.warn({ eventId, ...parsed.review, outcome }, 'review of an unknown product; nothing to rate');
      } else logger.info({ eventId, ...parsed.review, outcome }, 'review counted');
    } catch (error) {
      stats.failed++;
      throw error;
    }
  }

  const consumer = startQueueConsumer({
    sqs: deps.sqs,
    queueUrl: deps.queueUrl,
    logger,
    name: 'ratings',
    batchSize: deps.batchSize,
    waitSeconds: deps.waitSeconds,
    visibilityTimeoutSeconds: deps.visibilityTimeoutSeconds,
    retryDelaySeconds: (receives) => backoffSeconds(receives, deps.retryBaseSeconds, 900),
    handle,
    abortPollOnStop: true,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  return { stop: () => consumer.stop(), stats: () => ({ ...stats }) };
}
