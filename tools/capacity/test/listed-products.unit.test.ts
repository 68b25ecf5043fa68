import { describe, expect, it } from 'vitest';
import { patternLoads } from '../src/dynamo-model.js';
import type { DynamoRow, ScenarioCapacity } from '../src/load-results.js';
import { scenarioTraffic, storeRate } from '../src/traffic.js';
import { SETTINGS, TARGET } from './settings.fixture.js';

const ulid = (n: number) => `prd_01JD3X4Y5Z6A7B8C9D0E1F${String(n).padStart(4, '0')}`;

/** One cold category page: 20 listed products, each LIVE item half a read unit. */
function livePage(): DynamoRow[] {
  return Array.from({ length: 20 }, (_, i) => ({
    table: 'shopeasy-local-catalog',
    index: null,
    partition: `PRODUCT#${ulid(i)}`,
    item: `PRODUCT#${ulid(i)}|LIVE`,
    operation: 'BatchGetItem',
    kind: 'read',
    consistent: false,
    transactional: false,
    requests: 1,
    units: 0.5,
    bytes: 100,
    maxItemBytes: 100,
  }));
}

describe('Products listed on category pages', () => {
  it('When a page reads the LIVE items it lists, then the top product is read at most as often as its category URLs miss', () => {
    const browse = scenarioTraffic(TARGET, SETTINGS).find((t) => t.name === 'browse')!;
    const window = { requests: { browse: 1 }, seconds: 1, dynamodb: livePage(), kinesis: [] };
    const capacity: ScenarioCapacity = { ...window, miss: window };
    const store = storeRate(browse, TARGET, SETTINGS, 0);
    const live = patternLoads(browse, capacity, store, TARGET).find(
      (l) => l.scope === 'partition' && l.pattern === 'PRODUCT#<product>',
    )!;
    expect(live.unitsPerRequest).toBe(10);
    // Zipf alone would say store rate × 12/25 × 10; a product sits on its category's URLs only:
    // spread 1 × at most N/T = 2/10 misses a second × 0.5 units.
    expect(live.hotUnitsPerSecond).toBeCloseTo(0.1, 12);
    expect(live.hotUnitsPerSecond).toBeLessThan(store.rate * (12 / 25) * 10);
  });

  it("When a search page reads many products, then one product's partition is read at most once per item per miss", () => {
    const search = scenarioTraffic(TARGET, SETTINGS).find((t) => t.name === 'search')!;
    // 20 products, PRODUCT and LIVE items of each: 40 reads of half a unit, 20 units a request.
    const rows = livePage().flatMap((row) => [row, { ...row, item: row.item!.replace('|LIVE', '|PRODUCT') }]);
    const window = { requests: { search: 1 }, seconds: 1, dynamodb: rows, kinesis: [] };
    const store = storeRate(search, TARGET, SETTINGS, 0);
    const partition = patternLoads(search, { ...window, miss: window }, store, TARGET).find(
      (l) => l.scope === 'partition' && l.pattern === 'PRODUCT#<product>',
    )!;
    // Zipf's share alone (12/25 of 20 units a miss) would read the top product 4.8 units a miss;
    // a miss reads its 2 items at most once each: 1 unit.
    expect(partition.hotUnitsPerSecond).toBeCloseTo(store.rate * 1, 12);
  });

  it("When the cart looks a price up through the catalog's public read, then the top product is read at most as often as that cache misses", () => {
    const cart = scenarioTraffic(TARGET, SETTINGS).find((t) => t.name === 'cart')!;
    // One strongly consistent Query of a product's partition per change, 1 unit.
    const [row] = livePage();
    const lookup = { ...row!, operation: 'Query', item: null, consistent: true, units: 1 };
    const window = { requests: { 'cart add': 1 }, seconds: 1, dynamodb: [lookup], kinesis: [] };
    const store = storeRate(cart, TARGET, SETTINGS, 0);
    const partition = patternLoads(cart, window, store, TARGET).find(
      (l) => l.pattern === 'PRODUCT#<product>',
    )!;
    // Zipf alone: 1,000 changes/s × 12/25 = 480 units; the cache: 2 tasks / 10 s = 0.2 misses a second.
    expect(partition.hotUnitsPerSecond).toBeCloseTo(0.2, 12);
  });
});
