// The production settings the capacity model scales to: the one place to adapt when the CDK app
// changes what the services or the API get.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVENTORY_STREAM } from '@shopeasy/resources';

export interface ProductionSettings {
  /** Fargate CPU units per task (1,024 = 1 vCPU): infra/cdk.context.json, prod `service.cpu`. */
  taskCpuUnits: number;
  /** Upper bound of each service's autoscaling: prod `service.maxTasks`. */
  maxTasks: number;
  /** API Gateway stage throttle (req/s, burst): prod `api.rateLimit` / `api.burstLimit`. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Provisioned shards of the inventory stream: INVENTORY_STREAM in @shopeasy/resources. */
  inventoryShards: number;
  /** How long a catalog task keeps a read in its own cache (CATALOG_CACHE_TTL_SECONDS). */
  catalogCacheTtlSeconds: number;
  /** The inventory consumer's poll interval per shard reader (INVENTORY_POLL_INTERVAL_MS). */
  inventoryPollIntervalMs: number;
  /** Whether one catalog task holds a lease per shard (1 reader) or every task reads every shard. */
  inventoryConsumerLease: boolean;
  /** CloudFront / API Gateway cache in front of the public GETs, and its max-age. */
  edgeCache: { enabled: boolean; maxAgeSeconds: number };
  /** Distinct search queries in a day's traffic: the search cache's key space (an assumption). */
  searchKeys: number;
  /** Distinct cached URLs per category: 4 sorts × 3 pages, as `npm run load` browses. */
  urlsPerCategory: number;
}

// Not yet in the catalog's task definition: the colleague adding the cache uses a short TTL.
// Replace with the value infra/lib/constructs/services gives CATALOG_CACHE_TTL_SECONDS once set.
const CATALOG_CACHE_TTL_SECONDS = 5;
// services/catalog/src/config.ts default (500 ms); the task definition does not override it.
const INVENTORY_POLL_INTERVAL_MS = 500;
// services/catalog consumes the stream from every task without a lease (no KCL, no lease table).
const INVENTORY_CONSUMER_LEASE = false;
// No cache in front of the API today (infra/lib/constructs/api/edge-hardening.ts: no-store).
const EDGE_CACHE = { enabled: false, maxAgeSeconds: 60 };

interface ProdContext {
  service: { cpu: number; maxTasks: number };
  api: { rateLimit: number; burstLimit: number };
}

/** Reads prod from infra/cdk.context.json and adds the constants above. */
export function readSettings(repoRoot: string): ProductionSettings {
  const file = join(repoRoot, 'infra/cdk.context.json');
  const context = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const environments = context['shopeasy:environments'] as Record<string, ProdContext> | undefined;
  const prod = environments?.prod;
  if (!prod?.service || !prod.api) throw new Error(`${file} has no shopeasy:environments.prod`);
  return {
    taskCpuUnits: prod.service.cpu,
    maxTasks: prod.service.maxTasks,
    apiRateLimit: prod.api.rateLimit,
    apiBurstLimit: prod.api.burstLimit,
    inventoryShards: INVENTORY_STREAM.shardCount,
    catalogCacheTtlSeconds: CATALOG_CACHE_TTL_SECONDS,
    inventoryPollIntervalMs: INVENTORY_POLL_INTERVAL_MS,
    inventoryConsumerLease: INVENTORY_CONSUMER_LEASE,
    edgeCache: EDGE_CACHE,
    searchKeys: 10_000,
    urlsPerCategory: 12,
  };
}
