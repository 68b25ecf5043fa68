// AWS published limits the model judges against, and the headroom ShopEasy plans with.

// Per partition (and so per item): 3,000 RCU/s and 1,000 WCU/s.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html
export const PARTITION_RCU = 3_000;
export const PARTITION_WCU = 1_000;
// On-demand default per table (each GSI likewise) 40,000 RRU/s and 40,000 WRU/s, raised on
// request; the account-level quotas apply to provisioned tables only, so not to ShopEasy's.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
export const TABLE_UNITS = 40_000;
// Per shard: in 1 MiB/s or 1,000 records/s; out 2 MiB/s and 5 GetRecords/s shared by all readers.
// https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
export const SHARD_IN_BYTES = 1_048_576;
export const SHARD_IN_RECORDS = 1_000;
export const SHARD_OUT_BYTES = 2_097_152;
export const SHARD_GET_RECORDS = 5;
// 10,000 req/s per account per region (soft), on top of each stage's own throttle.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
export const API_ACCOUNT_RPS = 10_000;

// ARCHITECTURE.md: no partition or item above half its limit at the target traffic.
export const HOT_KEY_HEADROOM = 0.5;
// 30 % headroom for what scales or is raised on request (API Gateway, ECS, table quotas).
export const SERVICE_HEADROOM = 0.7;

export type ResourceGroup = 'partition' | 'item' | 'table' | 'stream' | 'api' | 'ecs';

export interface Resource {
  group: ResourceGroup;
  name: string;
  load: number;
  limit: number;
  unit: string;
  utilisation: number;
  threshold: number;
  ok: boolean;
  note?: string;
}

export function judge(r: Omit<Resource, 'utilisation' | 'ok'>): Resource {
  const utilisation = r.limit > 0 ? r.load / r.limit : Infinity;
  return { ...r, utilisation, ok: utilisation <= r.threshold };
}
