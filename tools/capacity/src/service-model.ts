import type { Target } from './flags.js';
import { judge, SERVICE_HEADROOM, type Resource } from './limits.js';
import type { LoadResults } from './load-results.js';
import { sizing, type ProductionSettings } from './settings.js';
import { edgeRate, type ScenarioTraffic } from './traffic.js';

// The ECS services; the gateway (API Gateway in the cloud) and the emulator (AWS) are not tasks.
export const ECS_SERVICES = ['users', 'catalog', 'cart', 'orders', 'feedback'] as const;

/** API Gateway: the account's regional limit and the stage throttle, against what passes the edge. */
export function apiResources(
  traffic: ScenarioTraffic[],
  target: Target,
  settings: ProductionSettings,
  edgeMaxAge: number,
): Resource[] {
  // API Gateway's own stage cache answers hits after its throttles: they count all the same.
  const inside = edgeMaxAge > 0 && settings.edgeCache.inApiGateway;
  const rate = traffic.reduce((n, t) => n + (inside ? t.rate : edgeRate(t, target, edgeMaxAge)), 0);
  const note =
    edgeMaxAge > 0
      ? `${inside ? 'API Gateway stage cache' : 'edge cache'} max-age ${edgeMaxAge} s${inside ? ' (hits count)' : ''}`
      : 'no edge cache';
  return [
    judge({
      group: 'api',
      name: 'API Gateway account (region)',
      load: rate,
      limit: settings.quotas.apiAccountRps,
      unit: 'req/s',
      threshold: SERVICE_HEADROOM,
      note,
    }),
    judge({
      group: 'api',
      name: 'API Gateway stage throttle',
      load: rate,
      limit: settings.apiRateLimit,
      unit: 'req/s',
      threshold: SERVICE_HEADROOM,
      note: `${note}; burst ${settings.apiBurstLimit}`,
    }),
  ];
}

/**
 * ECS: vCPU each service needs = Σ rate reaching it × CPU ms per request of that process in the
 * load run, against maxTasks × task vCPU; the verdict keeps 30 % headroom (70 % target CPU).
 */
export function ecsResources(
  traffic: ScenarioTraffic[],
  results: LoadResults,
  target: Target,
  settings: ProductionSettings,
  edgeMaxAge: number,
): { resources: Resource[]; unmeasured: string[] } {
  const used = new Map<string, number>();
  const unmeasured: string[] = [];
  for (const t of traffic) {
    const cpu =
      t.name === 'checkout'
        ? results.checkout?.cpu?.perRequestMs
        : results.scenarios.find((f) => t.labels.includes(f.name))?.cpu?.perRequestMs;
    if (!cpu) {
      if (t.rate > 0) unmeasured.push(t.name);
      continue;
    }
    const rate = edgeRate(t, target, edgeMaxAge);
    for (const service of ECS_SERVICES)
      used.set(service, (used.get(service) ?? 0) + (rate * (cpu[service] ?? 0)) / 1000);
  }
  // A service no scenario used (users, feedback here) has nothing to judge.
  const resources = [...used]
    .filter(([, load]) => load > 0)
    .map(([service, load]) => {
      const { maxTasks, cpuUnits } = sizing(settings, service);
      const vcpu = cpuUnits / 1024;
      const tasks = Math.ceil(load / (vcpu * SERVICE_HEADROOM));
      return judge({
        group: 'ecs',
        name: `ECS ${service}`,
        load,
        limit: maxTasks * vcpu,
        unit: 'vCPU',
        threshold: SERVICE_HEADROOM,
        note: `needs ${tasks} tasks of ${vcpu} vCPU at 70 % (max ${maxTasks})`,
      });
    });
  return { resources, unmeasured };
}
