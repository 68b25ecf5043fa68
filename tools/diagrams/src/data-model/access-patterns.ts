// The access patterns of each table as the capacity model sees them: what every scenario of the
// recorded load run reads or writes, on which key pattern, at what cost per request.
import { join } from 'node:path';
import { costWindow, patternLoads } from '@shopeasy/capacity/dynamo-model';
import { shortTable } from '@shopeasy/capacity/dynamo-resources';
import { DEFAULT_TARGET } from '@shopeasy/capacity/flags';
import { normaliseKey } from '@shopeasy/capacity/patterns';
import { readLoadResults, type LoadResults, type ScenarioCapacity } from '@shopeasy/capacity/load-results';
import { readSettings, type ProductionSettings } from '@shopeasy/capacity/settings';
import { scenarioTraffic, storeRate } from '@shopeasy/capacity/traffic';

/** The load results `npm run load` records and `npm run capacity` reads. */
export const LOAD_RESULTS = 'tests/load/results/latest.json';

export interface AccessPattern {
  /** The table's short name (`catalog`), whatever the stage of the load run. */
  readonly table: string;
  readonly index: string | null;
  /** The load scenario: what a user does (browse, detail, search, cart, checkout). */
  readonly scenario: string;
  /** True when the cost is a cache miss's (the scenario's reads are cached). */
  readonly perMiss: boolean;
  readonly kind: 'read' | 'write';
  /** The partition key with its ids named, e.g. `CATEGORY#<category>`. */
  readonly pattern: string;
  /** Capacity units per request (RCU for reads, WCU for writes). */
  readonly unitsPerRequest: number;
  /** The DynamoDB operations behind it (Query, TransactWriteItems, …), sorted. */
  readonly operations: readonly string[];
}

export interface AccessInputs {
  readonly results: LoadResults & { capacity: Record<string, ScenarioCapacity> };
  readonly settings: ProductionSettings;
}

/** Reads the load results and production settings the capacity model reads. */
export function readAccessInputs(root: string): AccessInputs {
  return { results: readLoadResults(join(root, LOAD_RESULTS)), settings: readSettings(root) };
}

/** Every partition-level pattern with its cost per request, sorted by table, scenario, kind, place. */
export function accessPatterns({ results, settings }: AccessInputs): AccessPattern[] {
  const patterns: AccessPattern[] = [];
  const traffic = scenarioTraffic(DEFAULT_TARGET, settings);
  for (const t of traffic) {
    const capacity = results.capacity[t.name];
    if (!capacity) continue;
    const store = storeRate(t, DEFAULT_TARGET, settings);
    // The capacity model groups by key pattern; the meter's rows also name the operation.
    const operations = new Map<string, Set<string>>();
    for (const row of costWindow(t, capacity).rows) {
      const id = [row.table, row.index, row.kind, normaliseKey(row.partition).pattern].join(' ');
      operations.set(id, (operations.get(id) ?? new Set()).add(row.operation));
    }
    for (const load of patternLoads(t, capacity, store, DEFAULT_TARGET)) {
      if (load.scope !== 'partition' || !(load.unitsPerRequest > 0)) continue;
      patterns.push({
        table: shortTable(load.table),
        index: load.index,
        scenario: t.name,
        perMiss: t.cached && capacity.miss !== undefined,
        kind: load.kind,
        pattern: load.pattern,
        unitsPerRequest: load.unitsPerRequest,
        operations: [
          ...(operations.get([load.table, load.index, load.kind, load.pattern].join(' ')) ?? []),
        ].sort(),
      });
    }
  }
  const order = traffic.map((t) => t.name as string);
  return patterns.sort(
    (a, b) =>
      a.table.localeCompare(b.table) ||
      order.indexOf(a.scenario) - order.indexOf(b.scenario) ||
      a.kind.localeCompare(b.kind) ||
      (a.index ?? '').localeCompare(b.index ?? '') ||
      a.pattern.localeCompare(b.pattern),
  );
}

/** Units to show: two significant decimals below 10, whole numbers above. */
export function formatUnits(units: number): string {
  if (units >= 10) return units.toFixed(0);
  if (units >= 0.1) return units.toFixed(2).replace(/\.?0+$/, '');
  return units.toPrecision(1);
}
