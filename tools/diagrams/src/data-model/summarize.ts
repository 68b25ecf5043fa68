// Folds the many keys of a sharded or per-value pattern into one row, so a table's node lists
// what a request does rather than every shard it happened to touch.
import type { AccessPattern } from './access-patterns.js';

/** More distinct keys than this under one prefix are shown as one row. */
const MAX_KEYS_PER_PREFIX = 3;

export interface PatternRow extends Omit<AccessPattern, 'unitsPerRequest'> {
  readonly unitsPerRequest: number;
  /** How many distinct keys the row stands for (1 for a pattern of its own). */
  readonly keys: number;
}

/** A key without the load run's stage and with shard numbers named (`LEASE#inventory#<shard>`). */
export function generalise(pattern: string): string {
  return pattern
    .replace(/shopeasy-[a-z0-9]+-/g, '')
    .replace(/shardId-\d+/g, '<shard>')
    .replace(/#\d+(?=#|$)/g, '#<shard>');
}

/** Patterns generalised and summed; a prefix with many keys (search tokens) becomes `PREFIX#…`. */
export function summarize(patterns: readonly AccessPattern[]): PatternRow[] {
  const place = (p: AccessPattern) => [p.table, p.index ?? '', p.scenario, p.kind].join(' ');
  type Merging = PatternRow & { unitsPerRequest: number; members: Set<string>; ops: Set<string> };
  const merged = new Map<string, Merging>();
  const add = (p: AccessPattern, pattern: string) => {
    const id = `${place(p)} ${pattern}`;
    const row: Merging = merged.get(id) ?? {
      ...p,
      pattern,
      unitsPerRequest: 0,
      keys: 0,
      members: new Set(),
      ops: new Set(),
    };
    row.unitsPerRequest += p.unitsPerRequest;
    row.members.add(p.pattern);
    p.operations.forEach((o) => row.ops.add(o));
    merged.set(id, row);
  };
  const prefixes = new Map<string, Set<string>>();
  const general = patterns.map((p) => ({ p, pattern: generalise(p.pattern) }));
  for (const { p, pattern } of general) {
    const id = `${place(p)} ${prefixOf(pattern)}`;
    prefixes.set(id, (prefixes.get(id) ?? new Set()).add(pattern));
  }
  for (const { p, pattern } of general) {
    const many = (prefixes.get(`${place(p)} ${prefixOf(pattern)}`)?.size ?? 0) > MAX_KEYS_PER_PREFIX;
    add(p, many ? `${prefixOf(pattern)}#…` : pattern);
  }
  // The input's order (table, scenario, kind, index, pattern) is kept: Map keeps insertion order.
  return [...merged.values()].map(({ members, ops, ...row }) => ({
    ...row,
    keys: members.size,
    operations: [...ops].sort(),
  }));
}

const prefixOf = (pattern: string) => pattern.split('#')[0] ?? pattern;
