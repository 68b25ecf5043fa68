import type { AwsClients } from '@shopeasy/service-kit/aws';
import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { CatalogConfig } from '../config.js';
import type { CheckpointStore, InventoryStore, LeaseStore } from '../domain/inventory-ports.js';
import { startInventoryConsumer } from './inventory-consumer.js';
import { startRatingsConsumer } from './ratings-consumer.js';

export interface RunningWorkers {
  /** Stops both consumers: each finishes its batch in hand (and checkpoints it), then resolves. */
  stop(): Promise<void>;
}

/** Starts the consumers the configuration enables, next to the HTTP server. */
export function startWorkers(
  config: CatalogConfig,
  deps: {
    aws: Pick<AwsClients, 'kinesis' | 'sqs'>;
    store: InventoryStore & CheckpointStore & LeaseStore;
    logger: Logger;
    metrics?: ServiceMetrics;
  },
): RunningWorkers {
  const running = [
    config.INVENTORY_CONSUMER_ENABLED
      ? startInventoryConsumer({
          kinesis: deps.aws.kinesis,
          streamName: config.INVENTORY_STREAM,
          store: deps.store,
          logger: deps.logger,
          pollIntervalMs: config.INVENTORY_POLL_INTERVAL_MS,
          batchSize: config.INVENTORY_BATCH_SIZE,
          leaseMs: config.INVENTORY_LEASE_MS,
          ...(deps.metrics ? { metrics: deps.metrics } : {}),
        })
      : undefined,
    config.RATINGS_CONSUMER_ENABLED
      ? startRatingsConsumer({
          sqs: deps.aws.sqs,
          queueUrl: config.CATALOG_EVENTS_QUEUE_URL,
          store: deps.store,
          logger: deps.logger,
          waitSeconds: config.RATINGS_WAIT_SECONDS,
          batchSize: config.RATINGS_BATCH_SIZE,
          visibilityTimeoutSeconds: config.RATINGS_VISIBILITY_TIMEOUT_SECONDS,
          retryBaseSeconds: config.RATINGS_RETRY_BASE_SECONDS,
          ...(deps.metrics ? { metrics: deps.metrics } : {}),
        })
      : undefined,
  ];
  return {
    async stop() {
      await Promise.all(running.map((consumer) => consumer?.stop()));
    },
  };
}
