// The production settings the capacity model scales to: the one place to adapt when the CDK app
// changes what the services or the API get.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVENTORY_STREAM } from '@shopeasy/resources';
import { API_ACCOUNT_RPS, TABLE_UNITS } from './limits.js';

/** One service's task size and autoscaling bound. */
export interface ServiceSizing {
  cpuUnits: number;
  maxTasks: number;
}

export interface ProductionSettings {
  /** Fargate CPU units per task (1,024 = 1 vCPU): infra/cdk.context.json, prod `service.cpu`. */
  taskCpuUnits: number;
  /** Upper bound of each service's autoscaling: prod `service.maxTasks`. */
  maxTasks: number;
  /** Per-service changes to those two: prod `services.<name>` (infra/lib/app/config.ts, serviceSizing). */
  services: Readonly<Record<string, Partial<ServiceSizing>>>;
  /** API Gateway stage throttle (req/s, burst): prod `api.rateLimit` / `api.burstLimit`. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Provisioned shards of the inventory stream: prod `inventoryStreamShards`, else INVENTORY_STREAM. */
  inventoryShards: number;
  /** How long a catalog task keeps a read in its own cache (CATALOG_CACHE_TTL_SECONDS). */
  catalogCacheTtlSeconds: number;
  /** Time between two GetRecords of one shard reader under load. */
  inventoryPollIntervalMs: number;
  /** Whether one catalog task holds a lease per shard (1 reader) or every task reads every shard. */
  inventoryConsumerLease: boolean;
  /**
   * The cache in front of the public GETs and its max-age; `inApiGateway` when it is API Gateway's
   * stage cache, whose hits still count against API Gateway's throttles.
   */
  edgeCache: { enabled: boolean; maxAgeSeconds: number; inApiGateway: boolean };
  /**
   * Quotas raised for prod (infra/terraform/service-quotas.json, applied by Terraform), else the
   * AWS defaults in limits.ts: API Gateway's regional rate, a table's on-demand read and write units.
   */
  quotas: { apiAccountRps: number; tableReadUnits: number; tableWriteUnits: number };
  /** Distinct search queries in a day's traffic: the search cache's key space (an assumption). */
  searchKeys: number;
  /** Distinct cached URLs per category: 4 sorts × 3 pages, as `npm run load` browses. */
  urlsPerCategory: number;
}

// CATALOG_CACHE_TTL_MS as the catalog's task definition sets it
// (infra/lib/constructs/services/service-environment.ts).
const CATALOG_CACHE_TTL_SECONDS = 2;
// Under load every round is busy: the next GetRecords 500 ms later (services/catalog/README.md);
// INVENTORY_POLL_INTERVAL_MS (default 1,000) only spaces idle rounds.
const INVENTORY_POLL_INTERVAL_MS = 500;
// One reader per shard: a catalog task reads a shard only while it holds LEASE#<stream>#<shardId>.
const INVENTORY_CONSUMER_LEASE = true;
// API Gateway's stage cache keeps the public GETs for their `max-age=5`
// (infra/lib/constructs/api/api-cache.ts; PUBLIC_CACHE_CONTROL in packages/service-kit).
const EDGE_CACHE = { enabled: true, maxAgeSeconds: 5, inApiGateway: true };

interface ProdContext {
  service: { cpu: number; maxTasks: number };
  services?: Record<string, { cpu?: number; maxTasks?: number }>;
  inventoryStreamShards?: number;
  api: { rateLimit: number; burstLimit: number };
}

/** A service's task size and maximum: prod's default with the service's own changes. */
export function sizing(settings: ProductionSettings, service: string): ServiceSizing {
  return {
    cpuUnits: settings.taskCpuUnits,
    maxTasks: settings.maxTasks,
    ...settings.services[service],
  };
}

interface QuotaRequest {
  service: string;
  quota: string;
  value: number;
}

/** The quota increases prod asks for, by `<service>/<quota name>`. */
function requestedQuotas(repoRoot: string): Map<string, number> {
  const file = join(repoRoot, 'infra/terraform/service-quotas.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, QuotaRequest[]>;
  return new Map((all.prod ?? []).map((q) => [`${q.service}/${q.quota}`, q.value]));
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
    services: Object.fromEntries(
      Object.entries(prod.services ?? {}).map(([name, own]) => [
        name,
        {
          ...(own.cpu === undefined ? {} : { cpuUnits: own.cpu }),
          ...(own.maxTasks === undefined ? {} : { maxTasks: own.maxTasks }),
        },
      ]),
    ),
    apiRateLimit: prod.api.rateLimit,
    apiBurstLimit: prod.api.burstLimit,
    inventoryShards: prod.inventoryStreamShards ?? INVENTORY_STREAM.shardCount,
    catalogCacheTtlSeconds: CATALOG_CACHE_TTL_SECONDS,
    inventoryPollIntervalMs: INVENTORY_POLL_INTERVAL_MS,
    inventoryConsumerLease: INVENTORY_CONSUMER_LEASE,
    edgeCache: EDGE_CACHE,
    quotas: quotasOf(requestedQuotas(repoRoot)),
    searchKeys: 10_000,
    urlsPerCategory: 12,
  };
}

function quotasOf(requested: Map<string, number>): ProductionSettings['quotas'] {
  return {
    apiAccountRps: requested.get('apigateway/Throttle rate') ?? API_ACCOUNT_RPS,
    tableReadUnits: requested.get('dynamodb/Table-level read throughput limit') ?? TABLE_UNITS,
    tableWriteUnits: requested.get('dynamodb/Table-level write throughput limit') ?? TABLE_UNITS,
  };
}
