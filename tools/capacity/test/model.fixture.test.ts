import { describe, expect, it } from 'vitest';
import type { Resource } from '../src/limits.js';
import { readLoadResults } from '../src/load-results.js';
import { buildModel } from '../src/model.js';
import { FIXTURE, SETTINGS, TARGET } from './settings.fixture.js';

const model = buildModel(readLoadResults(FIXTURE), TARGET, SETTINGS, 0);

function find(resources: readonly Resource[], name: string): Resource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no ${name} in ${resources.map((r) => r.name).join(', ')}`);
  return found;
}

describe('Capacity model on a hand-made load run', () => {
  it('When the top product is changed in carts and checked out, then its LIVE item adds both and goes over half', () => {
    // cart: 1000/s × 12/25 × 1 WCU = 480; checkout: 100/s × 12/25 × 4 WCU (transaction) = 192.
    const live = find(model.hottestItems, 'catalog PRODUCT#<product>|LIVE writes');
    expect(live.load).toBeCloseTo(672, 9);
    expect(live.limit).toBe(1000);
    expect(live.ok).toBe(false);
  });

  it('When a fixed index partition takes every cart change, then it is judged at its full observed cost', () => {
    const index = find(model.hottestPartitions, 'catalog/gsi1 PRODUCTS writes');
    expect(index.load).toBeCloseTo(500, 9);
    expect(index.utilisation).toBeCloseTo(0.5, 12);
    expect(index.ok).toBe(true);
    expect(model.indexWritesPerCartChange).toEqual({ unitsPerChange: 0.5, byIndex: { 'catalog/gsi1': 0.5 } });
  });

  it('When a shopper changes a cart, then the cart partition sees at most one change a second', () => {
    expect(find(model.hottestPartitions, 'cart CART#<user> writes').load).toBeCloseTo(2, 12);
    // The cart line holds a product too, but only its shopper writes it.
    expect(find(model.hottestItems, 'cart CART#<user>|ITEM#<product> writes').load).toBeCloseTo(2, 12);
    // An order id is one entity: one checkout's worth a second.
    expect(find(model.hottestPartitions, 'orders ORDER#<order> writes').load).toBeCloseTo(4, 12);
  });

  it('When reads are cached for 10 s on 2 tasks, then each key costs DynamoDB at most 0.2 misses a second', () => {
    expect(model.caches).toEqual([
      {
        scenario: 'browse',
        rate: 100,
        storeRate: expect.closeTo(0.4, 12),
        hitRatio: expect.closeTo(0.996, 12),
      },
      {
        scenario: 'detail',
        rate: 50,
        storeRate: expect.closeTo(0.8, 12),
        hitRatio: expect.closeTo(0.984, 12),
      },
      {
        scenario: 'search',
        rate: 10,
        storeRate: expect.closeTo(0.8, 12),
        hitRatio: expect.closeTo(0.92, 12),
      },
    ]);
    expect(find(model.hottestPartitions, 'catalog/gsi2 CATEGORY#<category> reads').load).toBeCloseTo(0.2, 12);
    // A search token is kept as observed: 30 of the 40 misses' units land on TOKEN#sh.
    expect(find(model.hottestPartitions, 'catalog/gsi5 TOKEN#sh reads').load).toBeCloseTo(0.6, 12);
  });

  it("When every catalog task polls every shard, then GetRecords goes over; a product's cart changes spread over its keys", () => {
    // 1000 cart records/s, a product's over 4 keys: 2 × (12/25) / 4 + (13/25) / 2 = 1/2 on the
    // hottest of 2 shards, 500; 2 readers × 2 polls/s = 4 of 5.
    const records = find(model.resources, 'inventory hottest shard records in');
    expect(records.load).toBeCloseTo(500, 9);
    expect(records.utilisation).toBeCloseTo(0.5, 12);
    expect(find(model.resources, 'inventory hottest shard GetRecords').utilisation).toBeCloseTo(0.8, 12);
    expect(find(model.resources, 'inventory hottest shard GetRecords').ok).toBe(false);
    expect(find(model.resources, 'inventory hottest shard bytes out').load).toBeCloseTo(500 * 500 * 2, 6);
  });

  it('When 1,260 req/s reach the API, then the 500/s stage throttle is over and the account limit is not', () => {
    expect(find(model.resources, 'API Gateway stage throttle').utilisation).toBeCloseTo(2.52, 12);
    expect(find(model.resources, 'API Gateway account (region)').ok).toBe(true);
  });

  it('When CPU per request is known, then ECS needs Σ rate × CPU ms against maxTasks × vCPU', () => {
    // catalog: 100×2 + 50×1 + 10×4 + 1000×1 = 1290 ms/s; cart: 1000×2 = 2000 ms/s.
    const catalog = find(model.resources, 'ECS catalog');
    expect(catalog.load).toBeCloseTo(1.29, 12);
    expect(catalog.utilisation).toBeCloseTo(0.645, 12);
    expect(catalog.ok).toBe(true);
    expect(find(model.resources, 'ECS cart').ok).toBe(false);
    expect(model.notes).toContain('ECS: no CPU figures for checkout in the load run; not counted.');
  });

  it('When an edge cache of 10 s is compared, then only 0.1 req/s per public URL reaches the API', () => {
    expect(model.otherEdge.edgeMaxAgeSeconds).toBe(10);
    // browse 0.2 + detail 0.4 + search 0.4 + cart 1000 + checkout 100.
    expect(find(model.otherEdge.resources, 'API Gateway stage throttle').load).toBeCloseTo(1101, 9);
  });

  it("When the cache is API Gateway's own stage cache, then every request still counts at API Gateway and only misses reach ECS", () => {
    const settings = { ...SETTINGS, edgeCache: { enabled: true, maxAgeSeconds: 10, inApiGateway: true } };
    const cached = buildModel(readLoadResults(FIXTURE), TARGET, settings, 10);
    // browse 100 + detail 50 + search 10 + cart 1000 + checkout 100, hits included.
    expect(find(cached.resources, 'API Gateway stage throttle').load).toBeCloseTo(1260, 9);
    // catalog: misses 0.2×2 + 0.4×1 + 0.4×4 + cart 1000×1 = 1002.4 ms/s.
    expect(find(cached.resources, 'ECS catalog').load).toBeCloseTo(1.0024, 12);
  });

  it('When one service has its own sizing, then its ECS limit is its own tasks × vCPU', () => {
    const settings = { ...SETTINGS, services: { cart: { cpuUnits: 2048, maxTasks: 3 } } };
    const sized = buildModel(readLoadResults(FIXTURE), TARGET, settings, 0);
    // cart: 2 vCPU of work against 3 tasks × 2 vCPU.
    expect(find(sized.resources, 'ECS cart').limit).toBe(6);
    expect(find(sized.resources, 'ECS cart').ok).toBe(true);
    expect(find(sized.resources, 'ECS catalog').limit).toBe(2);
  });
});
