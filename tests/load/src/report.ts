import type { CheckoutFigures } from './checkout.js';
import type { ScenarioFigures } from './stats.js';
import { formatMs } from './format.js';
import type { TargetCheck } from './targets.js';

export { formatMs } from './format.js';

export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en-GB');
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return '—';
  return ratio >= 0.1 ? ratio.toFixed(2) : ratio.toFixed(4);
}

/** "429×12 503×2, 3 errors (3 timeouts)", or "none". */
export function formatFailures(non2xx: Record<string, number>, errors: number, timeouts: number): string {
  const parts = Object.entries(non2xx)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status}×${n}`);
  if (errors > 0) parts.push(`${errors} errors${timeouts ? ` (${timeouts} timeouts)` : ''}`);
  return parts.length ? parts.join(' ') : 'none';
}

const COLUMNS = [
  'scenario',
  'req/s',
  '2xx/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'requests',
  'vs node:http',
  'non-2xx / errors',
];

/** The per-scenario table; the first row is the baseline. */
export function scenarioTable(rows: readonly ScenarioFigures[]): string[] {
  const cells = rows.map((f) => [
    f.name,
    formatRate(f.requestsPerSecond),
    formatRate(f.okPerSecond),
    formatMs(f.latencyMs.p50),
    formatMs(f.latencyMs.p95),
    formatMs(f.latencyMs.p99),
    f.requests.toLocaleString('en-GB'),
    formatRatio(f.ratioToBaseline),
    formatFailures(f.non2xx, f.errors, f.timeouts),
  ]);
  return alignColumns([COLUMNS, ...cells], [false, true, true, true, true, true, true, true, false]);
}

export function checkoutLines(c: CheckoutFigures): string[] {
  const statuses = formatFailures(c.statuses, 0, 0).replace('none', 'no answers');
  const o = c.oversell;
  const seen =
    o.lowestStockSeen === null
      ? 'stock not read meanwhile'
      : `lowest of ${o.stockReads} stock reads meanwhile ${o.lowestStockSeen}`;
  const verdict = !o.ok ? 'FAILED' : o.complete ? 'OK' : 'OK so far (incomplete)';
  return [
    `checkout under contention: ${c.buyers} buyers, ${c.units} units — every checkout answered in ` +
      `${c.settledSeconds.toFixed(2)} s, orders final after ${c.ordersFinalAfterSeconds.toFixed(1)} s`,
    `  answers: ${statuses}${c.errors ? `, ${c.errors} unanswered` : ''}; ` +
      `latency p50 ${formatMs(c.latencyMs.p50)} / p95 ${formatMs(c.latencyMs.p95)} / p99 ${formatMs(c.latencyMs.p99)} ms`,
    `  oversell check: ${verdict} — ${o.ordersCreated} answered 201, ${o.ordersSold} orders paid for ` +
      `${o.unitsSold} units, ${o.ordersPending} pending, stock ${o.stockBefore} → ${o.stockAfter}, ${seen}`,
    ...o.problems.map((p) => `    ✗ ${p}`),
    ...o.notes.map((n) => `    · ${n}`),
  ];
}

export function targetLines(checks: readonly TargetCheck[]): string[] {
  const verdict = (met: boolean | undefined) => (met === undefined ? 'not run' : met ? 'met' : 'NOT MET');
  return alignColumns(
    [
      ['target', 'wanted', 'measured', ''],
      ...checks.map((c) => [c.what, c.target, c.measured, verdict(c.met)]),
    ],
    [false, false, false, false],
  );
}

function alignColumns(rows: readonly string[][], right: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - [...cell].length);
        return right[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}
