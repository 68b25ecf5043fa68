import { canonicalJson } from './checksum.js';
import type { Damage } from './damage.js';
import type { ObjectRestore } from './object-version.js';
import type { TableState } from './tables.js';

export interface RestoreResult {
  readonly kind: 'backup' | 'point in time';
  readonly count: number;
  readonly checksum: string;
  readonly lost: number;
  readonly extra: number;
  readonly ms: number;
}

export interface TableResult {
  readonly table: string;
  readonly recorded: { readonly count: number; readonly checksum: string };
  readonly damage?: Damage & { readonly checksum: string };
  readonly restores: readonly RestoreResult[];
  readonly error?: string;
}

export interface DrillReport {
  readonly tables: readonly TableResult[];
  readonly object: ObjectRestore | { readonly error: string };
}

/** What a restore lost against the record: items missing or changed, and items it should not have. */
export function compare(
  kind: RestoreResult['kind'],
  recorded: TableState,
  restored: TableState,
  ms: number,
): RestoreResult {
  const have = new Set(restored.items.map(canonicalJson));
  const had = new Set(recorded.items.map(canonicalJson));
  const lost = recorded.items.filter((item) => !have.has(canonicalJson(item))).length;
  const extra = restored.items.filter((item) => !had.has(canonicalJson(item))).length;
  return { kind, count: restored.count, checksum: restored.checksum, lost, extra, ms };
}

/** Every restore equal to its record, and the object's previous version back. */
export function passed(report: DrillReport): boolean {
  const tablesOk = report.tables.every(
    (t) =>
      !t.error &&
      t.restores.length === 2 &&
      t.restores.every((r) => r.lost === 0 && r.extra === 0 && r.checksum === t.recorded.checksum),
  );
  const o = report.object;
  return tablesOk && !('error' in o) && o.versioned && o.restored === o.expected;
}
