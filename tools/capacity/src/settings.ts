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
  /** Time between two GetRecords of one shard reader under load. */
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

// CATALOG_CACHE_TTL_MS as the catalog's task definition will set it; until infra sets it, the
// most packages/service-kit/src/read-cache/config.ts allows (MAX_READ_CACHE_TTL_MS, 5 s).
const CATALOG_CACHE_TTL_SECONDS = 5;
// Under load every round is busy: the next GetRecords 500 ms later (services/catalog/README.md);
// INVENTORY_POLL_INTERVAL_MS (default 1,000) only spaces idle rounds.
const INVENTORY_POLL_INTERVAL_MS = 500;
// One reader per shard: a catalog task reads a shard only while it holds LEASE#<stream>#<shardId>.
const INVENTORY_CONSUMER_LEASE = true;
// No cache in front of the API today; public GETs say `max-age=5` (PUBLIC_CACHE_CONTROL in
// packages/service-kit/src/read-cache/config.ts), the max-age an edge cache would keep them.
const EDGE_CACHE = { enabled: false, maxAgeSeconds: 5 };

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
