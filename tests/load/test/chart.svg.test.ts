import { describe, expect, it } from 'vitest';
import { escapeXml, logAxis, renderChart } from '../src/chart.js';
import { summarise } from '../src/stats.js';

const ok = (ms: number, n: number) => Array.from({ length: n }, () => ({ status: 200, ms }));

describe('Results chart', () => {
  const baseline = summarise('node:http baseline', ok(0.3, 1000), 1);
  const browse = { ...summarise('browse', ok(120, 200), 1), ratioToBaseline: 0.2 };
  const silent = summarise('search & find', [], 10, { errors: 16, timeouts: 16 });

  it('When scenarios ran, then each has its latency bars, its throughput with the baseline ratio, and its target', () => {
    const svg = renderChart({
      title: 'Load',
      subtitle: 'machine',
      baseline,
      scenarios: [browse],
      throughputTargets: { browse: 150 },
      p99Targets: { browse: 300 },
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>node:http baseline</text>');
    expect(svg).toContain('>200/s (×0.20)</text>');
    expect(svg).toContain('>1,000/s</text>');
    expect(svg).toContain('>target 150/s</text>');
    expect(svg).toContain('>p99 target 300 ms</text>');
    // p50, p95, p99 for each of the two rows.
    expect(svg.match(/<rect x="200"[^>]*height="11"/g)).toHaveLength(6);
  });

  it('When a scenario got no answers, then it is shown without bars and the SVG has no NaN', () => {
    const svg = renderChart({ title: 'Load', subtitle: 'machine', baseline, scenarios: [silent] });
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(svg).toContain('>search &#38; find</text>');
    expect(svg).toContain('>no 2xx answers</text>');
  });

  it('When values span 0.3 ms to 4 s, then the log axis covers whole decades from 0.1 to 10,000', () => {
    const axis = logAxis([0.3, 4000, NaN, 0]);
    expect(axis.decades).toEqual([0.1, 1, 10, 100, 1000, 10000]);
    expect(axis.x(0.1)).toBeLessThan(axis.x(4000));
  });

  it('When a label has markup characters, then they are escaped', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
