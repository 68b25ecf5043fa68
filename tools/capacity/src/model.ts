import type { Target } from './flags.js';
import { combine, patternLoads, type PatternLoad } from './dynamo-model.js';
import { hotKeyResource, indexWritesPerCartChange, tableResources } from './dynamo-resources.js';
import type { Resource } from './limits.js';
import type { LoadResults, ScenarioCapacity } from './load-results.js';
import { apiResources, ecsResources } from './service-model.js';
import { streamResources } from './stream-model.js';
import type { ProductionSettings } from './settings.js';
import { scenarioTraffic, storeRate } from './traffic.js';

export interface CacheFigures {
  scenario: string;
  rate: number;
  /** Requests per second that reach DynamoDB after the caches. */
  storeRate: number;
  hitRatio: number;
}

export interface CapacityModel {
  resultsDate: string;
  target: Target;
  settings: ProductionSettings;
  edgeMaxAgeSeconds: number;
  caches: CacheFigures[];
  /** The hottest partition and item of each table and index, the tables, streams, API, ECS. */
  resources: Resource[];
  hottestPartitions: Resource[];
  hottestItems: Resource[];
  indexWritesPerCartChange?: { unitsPerChange: number; byIndex: Record<string, number> };
  /** API Gateway and ECS with the other edge-cache setting, to compare. */
  otherEdge: { edgeMaxAgeSeconds: number; resources: Resource[] };
  notes: string[];
}

export function buildModel(
  results: LoadResults & { capacity: Record<string, ScenarioCapacity> },
  target: Target,
  settings: ProductionSettings,
  edgeMaxAgeSeconds: number,
): CapacityModel {
  const traffic = scenarioTraffic(target, settings);
  const notes: string[] = [];
  const caches: CacheFigures[] = [];
  const loads: PatternLoad[] = [];
  for (const t of traffic) {
    const c = results.capacity[t.name];
    if (!c) {
      if (t.rate > 0)
        notes.push(`${t.name}: no capacity in the load results; its DynamoDB load is left out.`);
      continue;
    }
    if (t.cached && !c.miss)
      notes.push(`${t.name}: no cold probe; the cost per miss is the load run's cost per request.`);
    const store = storeRate(t, target, settings, edgeMaxAgeSeconds);
    if (t.cached)
      caches.push({ scenario: t.name, rate: t.rate, storeRate: store.rate, hitRatio: store.hitRatio });
    loads.push(...patternLoads(t, c, store, target));
  }
  const combined = combine(loads).map((l) => ({ load: l, resource: hotKeyResource(l) }));
  const byUse = (a: Resource, b: Resource) => b.utilisation - a.utilisation;
  const hottest = (scope: PatternLoad['scope']) =>
    combined
      .filter((x) => x.load.scope === scope)
      .map((x) => x.resource)
      .sort(byUse);
  // One row per table/index and kind: its hottest partition or item.
  const perPlace = new Map<string, Resource>();
  for (const { load, resource } of [...combined].sort((a, b) => byUse(a.resource, b.resource))) {
    const id = [load.scope, load.table, load.index, load.kind].join(' ');
    if (!perPlace.has(id)) perPlace.set(id, resource);
  }
  const services = (edge: number) => {
    const ecs = ecsResources(traffic, results, target, settings, edge);
    return {
      resources: [...apiResources(traffic, target, settings, edge), ...ecs.resources],
      unmeasured: ecs.unmeasured,
    };
  };
  const chosen = services(edgeMaxAgeSeconds);
  if (chosen.unmeasured.length > 0)
    notes.push(`ECS: no CPU figures for ${chosen.unmeasured.join(', ')} in the load run; not counted.`);
  const otherEdge = edgeMaxAgeSeconds > 0 ? 0 : settings.edgeCache.maxAgeSeconds;
  const cart = traffic.find((t) => t.name === 'cart')!;
  const indexWrites = indexWritesPerCartChange(results.capacity.cart, cart.labels);
  return {
    resultsDate: results.date,
    target,
    settings,
    edgeMaxAgeSeconds,
    caches,
    resources: [
      ...[...perPlace.values()].sort(byUse),
      ...tableResources(loads, settings.quotas).sort(byUse),
      ...streamResources(traffic, results.capacity, target, settings),
      ...chosen.resources,
    ],
    hottestPartitions: hottest('partition').slice(0, 10),
    hottestItems: hottest('item').slice(0, 10),
    ...(indexWrites ? { indexWritesPerCartChange: indexWrites } : {}),
    otherEdge: { edgeMaxAgeSeconds: otherEdge, resources: services(otherEdge).resources },
    notes,
  };
}
