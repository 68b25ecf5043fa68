import type { Resource } from './limits.js';
import type { CapacityModel } from './model.js';
import { sizing, type ProductionSettings } from './settings.js';

const COLUMNS = ['resource', 'load at target', 'limit', 'use', 'verdict'] as const;

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? 1 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %` : '∞');

function verdict(r: Resource): string {
  return `${r.ok ? 'ok' : 'OVER'} (≤ ${Math.round(r.threshold * 100)} %)`;
}

/** Fixed-width table of resources; a note follows its resource on the same line. */
export function resourceTable(resources: readonly Resource[]): string[] {
  const rows = resources.map((r) => [
    r.name,
    `${formatNumber(r.load)} ${r.unit}`,
    formatNumber(r.limit),
    percent(r.utilisation),
    verdict(r),
    r.note ?? '',
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...rows.map(line)];
}

export function reportLines(model: CapacityModel): string[] {
  const { target, settings } = model;
  const r = target.rates;
  const out = [
    `ShopEasy capacity at ${formatNumber(r.browse)} category pages/s, ${formatNumber(r.detail)} product details/s, ` +
      `${formatNumber(r.search)} searches/s, ${formatNumber(r.cart)} cart changes/s, ${formatNumber(r.checkout)} checkouts/s`,
    `Catalog: ${formatNumber(target.products)} products in ${formatNumber(target.categories)} categories, Zipf s=${target.zipf}; ` +
      `a shopper makes at most ${target.changesPerShopper} cart change/s. Access patterns from the load run of ${model.resultsDate}.`,
    `Prod: up to ${settings.maxTasks} tasks × ${settings.taskCpuUnits / 1024} vCPU per service${serviceChanges(settings)}, catalog cache ${settings.catalogCacheTtlSeconds} s, ` +
      `edge cache ${model.edgeMaxAgeSeconds > 0 ? `max-age ${model.edgeMaxAgeSeconds} s` : 'off'}, ` +
      `${settings.inventoryShards} inventory shards, API throttle ${settings.apiRateLimit}/s.`,
    '',
    ...model.caches.map(
      (c) =>
        `Cache ${c.scenario}: ${formatNumber(c.rate)} req/s → ${formatNumber(c.storeRate)} reach DynamoDB (hit ratio ${percent(c.hitRatio)})`,
    ),
    '',
    ...resourceTable(model.resources),
    '',
    'Hottest partitions:',
    ...resourceTable(model.hottestPartitions),
    '',
    'Hottest items:',
    ...resourceTable(model.hottestItems),
    '',
  ];
  const iw = model.indexWritesPerCartChange;
  if (iw) {
    const parts = Object.entries(iw.byIndex).map(([index, units]) => `${index} ${formatNumber(units)}`);
    out.push(
      `Index writes per cart change: ${formatNumber(iw.unitsPerChange)} WCU (target 0)${parts.length ? `: ${parts.join(', ')}` : ''}`,
    );
  }
  const other = model.otherEdge;
  out.push(
    `With ${other.edgeMaxAgeSeconds > 0 ? `an edge cache of max-age ${other.edgeMaxAgeSeconds} s` : 'no edge cache'}:`,
    ...resourceTable(other.resources),
  );
  const over = model.resources.filter((x) => !x.ok);
  out.push(
    '',
    over.length
      ? `${over.length} resource(s) over their planning limit: ${over.map((x) => x.name).join('; ')}`
      : 'Every resource is within its planning limit.',
  );
  return [...out, ...model.notes.map((n) => `Note: ${n}`)];
}

/** The services whose sizing differs from the default, as ` (catalog 40 × 1 vCPU, …)`. */
function serviceChanges(settings: ProductionSettings): string {
  const own = Object.keys(settings.services).map((name) => {
    const { maxTasks, cpuUnits } = sizing(settings, name);
    return `${name} ${maxTasks} × ${cpuUnits / 1024} vCPU`;
  });
  return own.length > 0 ? ` (${own.join(', ')})` : '';
}
