// The chaos run as a picture: answers per second over the run (failed ones in red, stacked on
// the rest), with a band for each fault from the signal until the component served again.
import { escapeXml } from '../chart.js';
import type { Fault } from './faults.js';

const WIDTH = 1200;
const LEFT = 60;
const RIGHT = WIDTH - 20;
const TOP = 70;
const PLOT_HEIGHT = 300;
const LABEL_ROWS = 4;

export function chaosChart(input: {
  title: string;
  subtitle: string;
  seconds: readonly { second: number; ok: number; failed: number }[];
  faults: readonly Fault[];
}): string {
  const span = Math.max(1, input.seconds.length);
  const peak = Math.max(1, ...input.seconds.map((s) => s.ok + s.failed));
  const x = (second: number) => LEFT + (second / span) * (RIGHT - LEFT);
  const y = (count: number) => TOP + PLOT_HEIGHT - (count / peak) * PLOT_HEIGHT;
  const bar = (RIGHT - LEFT) / span;
  const height = TOP + PLOT_HEIGHT + 40 + LABEL_ROWS * 16 + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="28" font-size="18">${escapeXml(input.title)}</text>`,
    `<text x="${LEFT}" y="48" font-size="12" fill="#555">${escapeXml(input.subtitle)}</text>`,
  ];
  input.faults.forEach((fault, i) => {
    const from = x(fault.at / 1000);
    const to = x((fault.servedAt ?? fault.at + 60_000) / 1000);
    const colour = fault.signal === 'SIGKILL' ? '#fdd0a2' : '#c6dbef';
    parts.push(
      `<rect x="${from.toFixed(1)}" y="${TOP}" width="${Math.max(2, to - from).toFixed(1)}" height="${PLOT_HEIGHT}" fill="${colour}" opacity="0.8"/>`,
    );
    const row = i % LABEL_ROWS;
    const label = `${fault.component} ${fault.signal === 'SIGKILL' ? 'kill' : 'term'} ${fault.recoveryMs === undefined ? 'not back' : `${(fault.recoveryMs / 1000).toFixed(1)} s`}`;
    const labelY = TOP + PLOT_HEIGHT + 36 + row * 16;
    parts.push(
      `<line x1="${from.toFixed(1)}" y1="${TOP + PLOT_HEIGHT}" x2="${from.toFixed(1)}" y2="${labelY - 10}" stroke="#999" stroke-width="0.6"/>`,
    );
    // Near the right edge a label ends at its line instead of starting there.
    const anchor = from > RIGHT - 160 ? ' text-anchor="end"' : '';
    parts.push(
      `<text x="${from.toFixed(1)}" y="${labelY}" font-size="10"${anchor}>${escapeXml(label)}</text>`,
    );
  });
  for (const s of input.seconds) {
    const left = x(s.second).toFixed(1);
    const w = Math.max(0.5, bar - 0.5).toFixed(1);
    parts.push(
      `<rect x="${left}" y="${y(s.ok).toFixed(1)}" width="${w}" height="${(TOP + PLOT_HEIGHT - y(s.ok)).toFixed(1)}" fill="#4292c6"/>`,
    );
    if (s.failed > 0)
      parts.push(
        `<rect x="${left}" y="${y(s.ok + s.failed).toFixed(1)}" width="${w}" height="${(y(s.ok) - y(s.ok + s.failed)).toFixed(1)}" fill="#cb181d"/>`,
      );
  }
  parts.push(
    `<line x1="${LEFT}" y1="${TOP + PLOT_HEIGHT}" x2="${RIGHT}" y2="${TOP + PLOT_HEIGHT}" stroke="#333"/>`,
  );
  parts.push(`<text x="${LEFT - 8}" y="${TOP + 4}" font-size="10" text-anchor="end">${peak}/s</text>`);
  parts.push(`<text x="${LEFT - 8}" y="${TOP + PLOT_HEIGHT}" font-size="10" text-anchor="end">0</text>`);
  parts.push(
    `<text x="${RIGHT}" y="${TOP + PLOT_HEIGHT + 14}" font-size="10" text-anchor="end">${span} s</text>`,
  );
  const legendY = height - 12;
  const legend = [
    ['#4292c6', 'answers per second'],
    ['#cb181d', 'failed (5xx or no answer)'],
    ['#fdd0a2', 'SIGKILL until served again'],
    ['#c6dbef', 'SIGTERM until served again'],
  ];
  legend.forEach(([colour, text], i) => {
    const lx = LEFT + i * 230;
    parts.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${lx + 18}" y="${legendY}" font-size="11">${escapeXml(text!)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
