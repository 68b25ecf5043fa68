import type { Resource } from './limits.js';
import { formatNumber, percent } from './report.js';

const WIDTH = 1260;
const LABEL_RIGHT = 520;
const PLOT_LEFT = 530;
const PLOT_RIGHT = 980;
// Utilisation beyond 200 % is drawn to the edge; its figure says how far over it is.
const AXIS_MAX = 2;
const BAR = 16;
const ROW = 22;

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const x = (u: number) => PLOT_LEFT + (Math.min(u, AXIS_MAX) / AXIS_MAX) * (PLOT_RIGHT - PLOT_LEFT);
const text = (tx: number, ty: number, content: string, attrs = '') =>
  `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
const shorten = (s: string, n = 72) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function section(
  title: string,
  resources: readonly Resource[],
  top: number,
): { svg: string[]; bottom: number } {
  const svg = [text(20, top + 14, title, 'font-size="14" font-weight="bold"')];
  let y = top + 26;
  const start = y;
  for (const r of resources) {
    const colour = r.ok ? '#4292c6' : '#cb181d';
    svg.push(
      text(LABEL_RIGHT, y + 12, shorten(r.name), 'text-anchor="end"'),
      `<rect x="${PLOT_LEFT}" y="${y}" width="${Math.max(1, x(r.utilisation) - PLOT_LEFT).toFixed(1)}" height="${BAR}" fill="${colour}"/>`,
      text(
        x(r.utilisation) + 6,
        y + 12,
        `${percent(r.utilisation)} (${formatNumber(r.load)} of ${formatNumber(r.limit)} ${r.unit})`,
      ),
    );
    y += ROW;
  }
  for (const [u, label] of [
    [0.5, '50 %'],
    [0.7, '70 %'],
    [1, '100 %'],
    [2, '≥ 200 %'],
  ] as const) {
    const dash = u === 0.5 ? 'stroke="#000" stroke-width="1.5" stroke-dasharray="5 3"' : 'stroke="#bbb"';
    svg.push(`<line x1="${x(u)}" y1="${start - 4}" x2="${x(u)}" y2="${y}" ${dash}/>`);
    svg.push(text(x(u), start - 8, label, 'text-anchor="middle" font-size="10" fill="#555"'));
  }
  return { svg, bottom: y + 10 };
}

/** Horizontal bars of utilisation per resource and per hottest partition, with the 50 % line. */
export function renderCapacityChart(input: {
  title: string;
  subtitle: string;
  resources: readonly Resource[];
  hottestPartitions: readonly Resource[];
}): string {
  const first = section(
    'Utilisation at the target, per resource (red: over its planning limit)',
    input.resources,
    60,
  );
  const second = section('Hottest partitions', input.hottestPartitions, first.bottom + 10);
  const height = second.bottom + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    text(20, 24, input.title, 'font-size="16" font-weight="bold"'),
    text(20, 44, input.subtitle, 'fill="#555"'),
    ...first.svg,
    ...second.svg,
    '</svg>',
    '',
  ].join('\n');
}
