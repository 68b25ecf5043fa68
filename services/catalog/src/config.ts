import { faultPauseShape, loadConfig, localDefault } from '@shopeasy/service-kit/config';
import { readCacheShape } from '@shopeasy/service-kit/read-cache';
import { INVENTORY_STREAM_ENV, QUEUE_ENV, TABLE_ENV, localEnvironment } from '@shopeasy/resources';
import { z } from 'zod';

const local = localEnvironment();
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const catalogShape = {
  [TABLE_ENV.catalog]: localDefault(z.string().min(1), local.CATALOG_TABLE),
  /** Every price in the catalog is in this currency, so prices order and filter meaningfully. */
  CATALOG_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .default('EUR'),
  [INVENTORY_STREAM_ENV]: localDefault(z.string().min(1), local.INVENTORY_STREAM),
  INVENTORY_CONSUMER_ENABLED: z.stringbool().default(true),
  /** At least 500: with one reader per shard, at most 2 of Kinesis' 5 GetRecords/s per shard. */
  INVENTORY_POLL_INTERVAL_MS: int(500, 60_000, 1000),
  /** A shard takes up to 1,000 records/s; 1,000 per read at 2 reads/s keeps up twice over. */
  INVENTORY_BATCH_SIZE: int(1, 10_000, 1000),
  /** A dead task's shards wait this long for another reader; fault tests shorten it. */
  INVENTORY_LEASE_MS: int(3_000, 300_000, 30_000),
  [QUEUE_ENV.catalogEvents.url]: localDefault(z.url(), local.CATALOG_EVENTS_QUEUE_URL),
  RATINGS_CONSUMER_ENABLED: z.stringbool().default(true),
  RATINGS_WAIT_SECONDS: int(0, 20, 20),
  RATINGS_BATCH_SIZE: int(1, 10, 10),
  RATINGS_VISIBILITY_TIMEOUT_SECONDS: int(5, 43_200, 60),
  RATINGS_RETRY_BASE_SECONDS: int(0, 900, 5),
  /**
   * How long an unconfirmed reservation holds its units: longer than orders' 1 h checkout resume
   * window, so a checkout that resumes still finds its stock. 0 expires at once (tests).
   */
  RESERVATION_TTL_SECONDS: int(0, 7 * 24 * 3600, 7200),
  RESERVATION_SWEEP_INTERVAL_MS: int(1_000, 3_600_000, 60_000),
  /** Public reads kept CATALOG_CACHE_TTL_MS (0: off; the task definition sets it), within bounds. */
  ...readCacheShape('CATALOG'),
  /** Fault tests only: `reservation-committed` or `inventory-applied` waits there (refused in the cloud). */
  ...faultPauseShape,
} as const;

/** The catalog service's configuration: base variables plus its table, currency, stream and queue. */
export function loadCatalogConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(8082, catalogShape, env);
}

export type CatalogConfig = ReturnType<typeof loadCatalogConfig>;
