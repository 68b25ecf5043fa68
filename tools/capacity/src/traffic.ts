import type { ScenarioName, Target } from './flags.js';
import type { Variable } from './patterns.js';
import { sizing, type ProductionSettings } from './settings.js';
import { cappedRate, cappedTopRate, zipfShare } from './zipf.js';

/** What one scenario's traffic looks like at the target, and which request labels count it. */
export interface ScenarioTraffic {
  name: ScenarioName;
  /** The load run's labels whose requests are this scenario's requests. */
  labels: string[];
  rate: number;
  /** Public GETs: served through the catalog's cache (and an edge cache when there is one). */
  cached: boolean;
  /** The keys the traffic spreads over with Zipf skew, and cached URLs per key. */
  keys: { variable: Variable | 'query'; count: number; spread: number };
  /**
   * Misses a second per product that the catalog's read cache lets through when this scenario's
   * requests read the catalog through its public GETs (the cart's price lookups): N tasks / T s.
   */
  catalogReadCap?: number;
}

export function scenarioTraffic(target: Target, settings: ProductionSettings): ScenarioTraffic[] {
  const { rates, products, categories } = target;
  return [
    {
      name: 'browse',
      labels: ['browse'],
      rate: rates.browse,
      cached: true,
      keys: { variable: 'category', count: categories, spread: settings.urlsPerCategory },
    },
    {
      name: 'detail',
      labels: ['product detail'],
      rate: rates.detail,
      cached: true,
      keys: { variable: 'product', count: products, spread: 1 },
    },
    {
      name: 'search',
      labels: ['search'],
      rate: rates.search,
      cached: true,
      keys: { variable: 'query', count: settings.searchKeys, spread: 1 },
    },
    {
      name: 'cart',
      labels: ['cart add', 'cart remove'],
      rate: rates.cart,
      cached: false,
      // The cart reads a product's price with the catalog's public getProduct, which its cache serves.
      catalogReadCap: sizing(settings, 'catalog').maxTasks / settings.catalogCacheTtlSeconds,
      keys: { variable: 'product', count: products, spread: 1 },
    },
    {
      name: 'checkout',
      labels: ['checkout'],
      rate: rates.checkout,
      cached: false,
      keys: { variable: 'product', count: products, spread: 1 },
    },
  ];
}

/** Requests per second that reach DynamoDB, and those of the most popular key. */
export interface StoreRate {
  rate: number;
  topKeyRate: number;
  /** Share of requests the catalog's cache answers (0 for uncached scenarios). */
  hitRatio: number;
  /** Most misses a second one cached URL can make (Infinity when uncached). */
  capPerKey: number;
}

/**
 * With N catalog tasks each caching a read for T seconds, DynamoDB sees at most N/T misses per
 * second per cached URL: Σ_k min(λ_k, N/T); an edge cache lowers the cap to 1/M when it is
 * tighter. Uncached scenarios reach it with every request.
 */
export function storeRate(
  t: ScenarioTraffic,
  target: Target,
  settings: ProductionSettings,
  edgeMaxAgeSeconds = 0,
): StoreRate {
  const top = t.rate * zipfShare(1, t.keys.count, target.zipf);
  if (!t.cached || t.rate === 0) return { rate: t.rate, topKeyRate: top, hitRatio: 0, capPerKey: Infinity };
  const edgeCap = edgeMaxAgeSeconds > 0 ? 1 / edgeMaxAgeSeconds : Infinity;
  const cap = Math.min(sizing(settings, 'catalog').maxTasks / settings.catalogCacheTtlSeconds, edgeCap);
  const { count, spread } = t.keys;
  const rate = cappedRate(t.rate, count, target.zipf, cap, spread);
  const topKeyRate = cappedTopRate(t.rate, count, target.zipf, cap, spread);
  // Hits at either cache: what DynamoDB does not see.
  return { rate, topKeyRate, hitRatio: 1 - rate / t.rate, capPerKey: cap };
}

/**
 * Requests that reach ECS (and API Gateway, when the cache is not API Gateway's own): all of
 * them, except public GETs behind an edge cache with max-age M, which fetches each URL at most
 * once per M seconds: Σ_k min(λ_k, 1/M).
 */
export function edgeRate(t: ScenarioTraffic, target: Target, maxAgeSeconds: number): number {
  if (!t.cached || maxAgeSeconds <= 0) return t.rate;
  return cappedRate(t.rate, t.keys.count, target.zipf, 1 / maxAgeSeconds, t.keys.spread);
}
