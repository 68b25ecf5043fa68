import { peerTimeoutSetting } from '@shopeasy/service-kit/calls';
import { faultPauseShape, loadConfig, localDefault } from '@shopeasy/service-kit/config';
import { EVENTS_TOPIC_ENV, QUEUE_ENV, TABLE_ENV, localEnvironment, queueSpec } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();
const reviewsQueue = queueSpec('feedbackReviews');

const feedbackShape = {
  [TABLE_ENV.feedback]: localDefault(z.string().min(1), local.FEEDBACK_TABLE),
  [QUEUE_ENV.feedbackReviews.url]: localDefault(z.url(), local.FEEDBACK_QUEUE_URL),
  [EVENTS_TOPIC_ENV]: localDefault(z.string().min(1), local.EVENTS_TOPIC_ARN),
  ORDERS_URL: localDefault(z.url(), 'http://127.0.0.1:8084'),
  CATALOG_URL: localDefault(z.url(), 'http://127.0.0.1:8082'),
  /** Timeout of each call to the orders and catalog services. */
  PEER_TIMEOUT_MS: peerTimeoutSetting(3000),
  /** Run the queue worker in this process (main.ts); `npm run worker` runs it alone. */
  WORKER_ENABLED: z.stringbool().default(true),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10).default(10),
  /** Long-poll wait; it also bounds how long a shutdown waits for the poll in flight. */
  WORKER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(10),
  WORKER_VISIBILITY_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(43_200)
    .default(reviewsQueue.visibilityTimeoutSeconds),
  /** A failed message comes back after base * 2^(receives - 1) seconds, at most WORKER_RETRY_MAX_SECONDS. */
  WORKER_RETRY_BASE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  WORKER_RETRY_MAX_SECONDS: z.coerce.number().int().min(0).max(43_200).default(300),
  /** Fault tests only: `review-decided` waits after a decision is written (refused in the cloud). */
  ...faultPauseShape,
} as const;

/** The feedback service's configuration: base variables, its table, queue and topic, peers and worker settings. */
export function loadFeedbackConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(8085, feedbackShape, env);
}

export type FeedbackConfig = ReturnType<typeof loadFeedbackConfig>;
