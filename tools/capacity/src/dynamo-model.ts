import type { Target } from './flags.js';
import type { DynamoRow, ScenarioCapacity } from './load-results.js';
import { normaliseKey, type Variable } from './patterns.js';
import type { ScenarioTraffic, StoreRate } from './traffic.js';
import { zipfShare } from './zipf.js';

/** One access pattern of one scenario at the target: all its values, and its hottest value. */
export interface PatternLoad {
  scenario: string;
  scope: 'partition' | 'item';
  table: string;
  index: string | null;
  pattern: string;
  variable: Variable;
  kind: 'read' | 'write';
  unitsPerRequest: number;
  unitsPerSecond: number;
  hotUnitsPerSecond: number;
}

/** The window a scenario's DynamoDB cost comes from, and the requests it divides by. */
export function costWindow(t: ScenarioTraffic, c: ScenarioCapacity): { rows: DynamoRow[]; requests: number } {
  // A cached scenario's reads cost what a miss costs (the cold probe); hits cost DynamoDB nothing.
  if (t.cached && c.miss) return { rows: c.miss.dynamodb, requests: total(c.miss.requests) };
  return { rows: c.dynamodb, requests: t.labels.reduce((n, l) => n + (c.requests[l] ?? 0), 0) };
}

/**
 * Load per pattern: units per request × the rate reaching DynamoDB, and for its hottest value
 * × the hottest value's rate, by what the pattern's variable is:
 * - the scenario's own key space (product in detail/cart/checkout, category in browse): the top
 *   key's rate under Zipf (after the caches for cached scenarios);
 * - product or category otherwise: the Zipf share of the top product or category;
 * - a user (cart, shopper): at most `changesPerShopper` requests a second;
 * - one id per entity (order, event, review, reservation, token hash, uuid): one request's worth;
 * - a key without ids (`PRODUCTS`, `TOKEN#sh`, `PRODUCTS#3`): as observed, so every request's
 *   observed units on that key (for tokens, the load run's share of the hottest value).
 * A category page reads the products it lists, and a product is listed only on its category's
 * URLs, each missing at most `capPerKey` a second: so the top product's reads from browsing are
 * also at most spread × capPerKey × the units one listed product costs. And whatever the share,
 * one request reads a given key at most as often as it has items (a product's partition: its
 * PRODUCT and LIVE items), so no key takes more than rate × items × units per item read; reads
 * that pass the catalog's read cache (the cart's price lookups) by its misses per product instead.
 */
export function patternLoads(
  t: ScenarioTraffic,
  c: ScenarioCapacity,
  store: StoreRate,
  target: Target,
): PatternLoad[] {
  const { rows, requests } = costWindow(t, c);
  if (requests === 0) return [];
  const groups = new Map<
    string,
    Omit<PatternLoad, 'unitsPerRequest' | 'unitsPerSecond' | 'hotUnitsPerSecond'> & {
      units: number;
      touches: number;
      items: Set<string>;
    }
  >();
  for (const row of rows) {
    const keys: { scope: PatternLoad['scope']; key: string }[] = [{ scope: 'partition', key: row.partition }];
    // The meter names an item by its full key, `<partition>|<sort key>`.
    if (row.item) keys.push({ scope: 'item', key: row.item });
    for (const { scope, key } of keys) {
      const { pattern, variable } = normaliseKey(key);
      const id = [scope, row.table, row.index, pattern, row.kind].join(' ');
      const group = groups.get(id) ?? {
        scenario: t.name,
        scope,
        table: row.table,
        index: row.index,
        pattern,
        variable,
        kind: row.kind,
        units: 0,
        touches: 0,
        items: new Set<string>(),
      };
      group.units += row.units;
      group.touches += row.requests;
      // The sort-key half of an item's key: how many items of one partition a request may read.
      group.items.add(normaliseKey(row.item ?? row.partition).pattern.split('|')[1] ?? '');
      groups.set(id, group);
    }
  }
  return [...groups.values()].map(({ units, touches, items, ...g }) => {
    const unitsPerRequest = units / requests;
    const hotRate = hottestRate(g.variable, t, store, target);
    const listed = t.keys.variable === 'category' && g.variable === 'product' && touches > 0;
    const perRead = touches > 0 ? units / touches : unitsPerRequest;
    // Reads of a page touch distinct keys; a request may write one item several times.
    const behindCache =
      t.catalogReadCap !== undefined && /-catalog$/.test(g.table) && g.variable === 'product';
    const perKey = behindCache ? t.catalogReadCap! : store.rate;
    const bound = g.kind === 'read' ? perKey * items.size * perRead : Infinity;
    const hotUnits = Math.min(hotRate * unitsPerRequest, bound);
    return {
      ...g,
      unitsPerRequest,
      unitsPerSecond: store.rate * unitsPerRequest,
      hotUnitsPerSecond: listed ? Math.min(hotUnits, t.keys.spread * store.capPerKey * perRead) : hotUnits,
    };
  });
}

function hottestRate(variable: Variable, t: ScenarioTraffic, store: StoreRate, target: Target): number {
  if (variable === t.keys.variable) return store.topKeyRate;
  switch (variable) {
    case 'product':
      return store.rate * zipfShare(1, target.products, target.zipf);
    case 'category':
      return store.rate * zipfShare(1, target.categories, target.zipf);
    case 'user':
      return Math.min(store.rate, target.changesPerShopper);
    case 'observed':
      return store.rate;
    default:
      return Math.min(store.rate, 1);
  }
}

/** The same pattern in several scenarios adds up (the top product is the top product everywhere). */
export function combine(loads: PatternLoad[]): PatternLoad[] {
  const byKey = new Map<string, PatternLoad>();
  for (const l of loads) {
    const id = [l.scope, l.table, l.index, l.pattern, l.kind].join(' ');
    const seen = byKey.get(id);
    if (!seen) byKey.set(id, { ...l });
    else {
      seen.scenario = `${seen.scenario}+${l.scenario}`;
      seen.unitsPerSecond += l.unitsPerSecond;
      seen.hotUnitsPerSecond += l.hotUnitsPerSecond;
      seen.unitsPerRequest = NaN; // no single request behind a sum
    }
  }
  return [...byKey.values()];
}

const total = (requests: Record<string, number>) => Object.values(requests).reduce((n, v) => n + v, 0);
