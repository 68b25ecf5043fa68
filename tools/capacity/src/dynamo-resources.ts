import {
  HOT_KEY_HEADROOM,
  judge,
  PARTITION_RCU,
  PARTITION_WCU,
  SERVICE_HEADROOM,
  type Resource,
} from './limits.js';
import type { PatternLoad } from './dynamo-model.js';
import type { ScenarioCapacity } from './load-results.js';

export const shortTable = (table: string) => table.replace(/^shopeasy-[a-z0-9]+-/, '');
const where = (l: { table: string; index: string | null }) =>
  `${shortTable(l.table)}${l.index ? `/${l.index}` : ''}`;

export function hotKeyResource(l: PatternLoad): Resource {
  return judge({
    group: l.scope,
    name: `${where(l)} ${l.pattern} ${l.kind}s`,
    load: l.hotUnitsPerSecond,
    limit: l.kind === 'read' ? PARTITION_RCU : PARTITION_WCU,
    unit: l.kind === 'read' ? 'RCU/s' : 'WCU/s',
    threshold: HOT_KEY_HEADROOM,
    note: `from ${l.scenario}`,
  });
}

/** Each table and index per kind against its on-demand quota (raised ones included). */
export function tableResources(
  loads: PatternLoad[],
  quotas: { tableReadUnits: number; tableWriteUnits: number },
): Resource[] {
  const sums = new Map<string, number>();
  for (const l of loads.filter((x) => x.scope === 'partition')) {
    const id = `${where(l)} ${l.kind}s`;
    sums.set(id, (sums.get(id) ?? 0) + l.unitsPerSecond);
  }
  return [...sums].map(([name, load]) => {
    const reads = name.endsWith('reads');
    return judge({
      group: 'table',
      name,
      load,
      limit: reads ? quotas.tableReadUnits : quotas.tableWriteUnits,
      unit: reads ? 'RRU/s' : 'WRU/s',
      threshold: SERVICE_HEADROOM,
    });
  });
}

/** Write units a cart change spends on index entries (the issue's target is 0). */
export function indexWritesPerCartChange(cart: ScenarioCapacity | undefined, labels: string[]) {
  if (!cart) return undefined;
  const changes = labels.reduce((n, l) => n + (cart.requests[l] ?? 0), 0);
  const rows = cart.dynamodb.filter((r) => r.kind === 'write' && r.index !== null);
  const byIndex: Record<string, number> = {};
  for (const r of rows)
    byIndex[`${shortTable(r.table)}/${r.index}`] =
      (byIndex[`${shortTable(r.table)}/${r.index}`] ?? 0) + r.units / changes;
  return { unitsPerChange: changes ? rows.reduce((n, r) => n + r.units, 0) / changes : 0, byIndex };
}
