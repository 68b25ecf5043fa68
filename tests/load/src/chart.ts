import type { CheckoutFigures } from './checkout.js';
import { formatFailures } from './report.js';
import type { ScenarioFigures } from './stats.js';

export interface ChartInput {
  title: string;
  subtitle: string;
  baseline?: ScenarioFigures;
  scenarios: readonly ScenarioFigures[];
  checkout?: CheckoutFigures;
  /** Throughput target per scenario name (2xx/s), drawn as a marker. */
  throughputTargets?: Readonly<Record<string, number>>;
  /** p99 target per scenario name (ms), drawn as a marker. */
  p99Targets?: Readonly<Record<string, number>>;
}

const WIDTH = 980;
const LABEL_X = 20;
const PLOT_LEFT = 200;
const PLOT_RIGHT = 840;
const PERCENTILES = [
  { key: 'p50', colour: '#9ecae1' },
  { key: 'p95', colour: '#4292c6' },
  { key: 'p99', colour: '#08519c' },
] as const;

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A log10 axis over whole decades covering every positive, finite value. */
export function logAxis(values: readonly number[]): { decades: number[]; x: (v: number) => number } {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  const lo = usable.length ? Math.floor(Math.log10(Math.min(...usable))) : 0;
  const hi = Math.max(lo + 1, usable.length ? Math.ceil(Math.log10(Math.max(...usable))) : 1);
  const decades = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  const x = (v: number) => PLOT_LEFT + ((Math.log10(v) - lo) / (hi - lo)) * (PLOT_RIGHT - PLOT_LEFT);
  return { decades, x };
}

const fmt = (v: number) =>
  !Number.isFinite(v) ? '—' : v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-GB');

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

function axis(
  top: number,
  bottom: number,
  decades: number[],
  x: (v: number) => number,
  unit: string,
): string[] {
  return decades.flatMap((d) => [
    `<line x1="${x(d).toFixed(1)}" y1="${top}" x2="${x(d).toFixed(1)}" y2="${bottom}" stroke="#ddd"/>`,
    text(
      x(d),
      bottom + 16,
      `${d >= 1 ? d.toLocaleString('en-GB') : String(d)}${unit}`,
      'text-anchor="middle" class="tick"',
    ),
  ]);
}

/** A red tick at a target, with the target named in the margin right of the plot. */
function targetMarker(x: number, top: number, height: number, label: string): string[] {
  return [
    `<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${top + height}" stroke="#d62728" stroke-width="2.5"/>`,
    text(PLOT_RIGHT + 20, top + height - 4, label, 'class="target"'),
  ];
}

/** Grouped latency bars (p50/p95/p99) and throughput bars per scenario, as a standalone SVG. */
export function renderChart(input: ChartInput): string {
  const rows = [...(input.baseline ? [input.baseline] : []), ...input.scenarios];
  const latencyRows: { name: string; latencyMs: Record<'p50' | 'p95' | 'p99', number> }[] = [
    ...rows,
    ...(input.checkout ? [{ name: 'checkout burst', latencyMs: input.checkout.latencyMs }] : []),
  ];
  const out: string[] = [];
  let y = 34;
  out.push(text(LABEL_X, y, input.title, 'class="title"'));
  out.push(text(LABEL_X, (y += 20), input.subtitle, 'class="note"'));

  // Latency panel: one group of three bars per scenario.
  y += 34;
  out.push(text(LABEL_X, y, 'Latency per scenario, ms (log scale)', 'class="heading"'));
  PERCENTILES.forEach((p, i) => {
    const lx = PLOT_LEFT + 320 + i * 80;
    out.push(`<rect x="${lx}" y="${y - 11}" width="12" height="12" fill="${p.colour}"/>`);
    out.push(text(lx + 17, y, p.key, 'class="label"'));
  });
  const p99Targets = input.p99Targets ?? {};
  const lat = logAxis([
    ...latencyRows.flatMap((r) => PERCENTILES.map((p) => r.latencyMs[p.key])),
    ...Object.values(p99Targets),
  ]);
  const latTop = y + 12;
  y = latTop;
  const bar = 13;
  const latStart = out.length;
  for (const row of latencyRows) {
    out.push(text(LABEL_X, y + bar * 1.5 + 5, row.name, 'class="label"'));
    PERCENTILES.forEach((p, i) => {
      const v = row.latencyMs[p.key];
      const by = y + i * bar;
      if (Number.isFinite(v) && v > 0) {
        const w = Math.max(1, lat.x(v) - PLOT_LEFT);
        out.push(
          `<rect x="${PLOT_LEFT}" y="${by}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${p.colour}"/>`,
        );
      }
      const end = Number.isFinite(v) && v > 0 ? lat.x(v) : PLOT_LEFT;
      out.push(text(end + 5, by + bar - 3, fmt(v), 'class="value"'));
    });
    const t = p99Targets[row.name];
    if (t !== undefined)
      out.push(...targetMarker(lat.x(t), y + bar * 2 - 2, bar + 2, `p99 target ${fmt(t)} ms`));
    y += bar * 3 + 12;
  }
  // Grid lines go under the bars and their values.
  out.splice(latStart, 0, ...axis(latTop - 4, y, lat.decades, lat.x, ' ms'));

  // Throughput panel: one bar per scenario, with its target when it has one.
  y += 58;
  out.push(
    text(
      LABEL_X,
      y,
      'Throughput, 2xx responses per second (log scale); ratio to the bare node:http server',
      'class="heading"',
    ),
  );
  const targets = input.throughputTargets ?? {};
  const thr = logAxis([...rows.map((r) => r.okPerSecond), ...Object.values(targets)]);
  const thrTop = y + 12;
  y = thrTop;
  const tbar = 20;
  const thrStart = out.length;
  for (const row of rows) {
    const v = row.okPerSecond;
    const colour = row === input.baseline ? '#969696' : '#31a354';
    out.push(text(LABEL_X, y + tbar - 5, row.name, 'class="label"'));
    if (Number.isFinite(v) && v > 0) {
      const w = Math.max(1, thr.x(v) - PLOT_LEFT);
      out.push(
        `<rect x="${PLOT_LEFT}" y="${y}" width="${w.toFixed(1)}" height="${tbar - 4}" fill="${colour}"/>`,
      );
    }
    const ratio =
      row.ratioToBaseline === undefined
        ? ''
        : ` (×${row.ratioToBaseline.toFixed(row.ratioToBaseline >= 0.1 ? 2 : 4)})`;
    const end = Number.isFinite(v) && v > 0 ? thr.x(v) : PLOT_LEFT;
    const value = v > 0 ? `${fmt(v)}/s${ratio}` : 'no 2xx answers';
    out.push(text(end + 5, y + tbar - 7, value, 'class="value"'));
    const t = targets[row.name];
    if (t !== undefined) out.push(...targetMarker(thr.x(t), y - 2, tbar, `target ${fmt(t)}/s`));
    y += tbar + 6;
  }
  out.splice(thrStart, 0, ...axis(thrTop - 4, y, thr.decades, thr.x, '/s'));
  y += 40;
  out.push(
    `<line x1="${LABEL_X}" y1="${y - 4}" x2="${LABEL_X + 14}" y2="${y - 4}" stroke="#d62728" stroke-width="2.5"/>`,
  );
  out.push(text(LABEL_X + 20, y, 'target (from the issue)', 'class="note"'));
  if (input.checkout) {
    const c = input.checkout;
    const answered =
      `Checkout under contention: ${c.buyers} buyers, ${c.units} units, every checkout answered in ` +
      `${c.settledSeconds.toFixed(2)} s: ${formatFailures(c.statuses, c.errors, 0)}.`;
    const oversell =
      `Oversell check ${c.oversell.ok ? 'OK' : 'FAILED'}: ${c.oversell.unitsSold} units sold, ` +
      `stock ${c.oversell.stockBefore} → ${c.oversell.stockAfter}.`;
    out.push(text(LABEL_X, (y += 22), answered, 'class="note"'));
    out.push(text(LABEL_X, (y += 18), oversell, 'class="note"'));
  }
  const height = y + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<style>.title{font-size:18px;font-weight:bold}.heading{font-size:14px;font-weight:bold}' +
      '.label{font-size:13px}.value{font-size:11px;fill:#333}.tick{font-size:11px;fill:#666}.note{font-size:12px;fill:#444}.target{font-size:11px;fill:#d62728}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
