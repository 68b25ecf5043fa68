import { describe, expect, it } from 'vitest';
import { formatFailures, formatMs, scenarioTable, targetLines } from '../src/report.js';
import { summarise } from '../src/stats.js';
import { checkTargets } from '../src/targets.js';

const answers = (status: number, ms: number, n: number) => Array.from({ length: n }, () => ({ status, ms }));

describe('Targets', () => {
  it('When a category page is fast enough on average but its p99 is over 100 ms, then the target is not met', () => {
    const browse = summarise('browse', [...answers(200, 20, 5900), ...answers(200, 900, 100)], 10);
    const [category] = checkTargets([browse]);
    expect(category).toMatchObject({
      what: 'category page',
      met: false,
      measured: '600.0 req/s (2xx), p99 900 ms',
    });
  });

  it('When adds and removes together pass 150 req/s, then the cart target is met; one 409 among them and it is not', () => {
    const add = summarise('cart add', answers(200, 30, 800), 10);
    const remove = summarise('cart remove', answers(200, 30, 800), 10);
    expect(checkTargets([add, remove])[3]).toMatchObject({
      what: 'cart changes',
      met: true,
      measured: '160.0 req/s (2xx)',
    });
    const refused = summarise('cart remove', [...answers(200, 30, 800), ...answers(409, 30, 1)], 10);
    expect(checkTargets([add, refused])[3]).toMatchObject({
      met: false,
      measured: '160.0 req/s (2xx), 1 not 2xx',
    });
  });

  it('When throttled answers inflate the request rate, then only 2xx count towards a target', () => {
    const detail = summarise('product detail', [...answers(200, 5, 2000), ...answers(429, 1, 2000)], 10);
    expect(checkTargets([detail])[1]).toMatchObject({ what: 'product detail', met: false });
  });

  it('When a scenario did not run, then its target says so instead of failing', () => {
    const checks = checkTargets([]);
    expect(checks.map((c) => c.met)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(targetLines(checks)[1]).toMatch(/category page .* not run\s+not run$/);
  });

  it('When 100 buyers for 30 units settle in 4 s, then the checkout target is met; with other numbers it is not', () => {
    const checkout = {
      buyers: 100,
      units: 30,
      settledSeconds: 4,
      errors: 0,
      statuses: { '201': 30, '409': 70 },
    };
    expect(checkTargets([], checkout)[4]).toMatchObject({ met: true, measured: '4.00 s' });
    const smaller = { ...checkout, buyers: 10, units: 3 };
    expect(checkTargets([], smaller)[4]).toMatchObject({
      met: false,
      measured: '4.00 s (10 buyers, 3 units)',
    });
  });

  it('When checkouts end in 504s within the time, then they did not settle and the target is not met', () => {
    const checkout = {
      buyers: 100,
      units: 30,
      settledSeconds: 9,
      errors: 1,
      statuses: { '201': 30, '409': 60, '504': 9 },
    };
    expect(checkTargets([], checkout)[4]).toMatchObject({
      met: false,
      measured: '9.00 s, 10 without a definite answer',
    });
  });
});

describe('Printed figures', () => {
  it('When latencies are small or large, then they read as 0.4 or 1,139 ms, and nothing as a dash', () => {
    expect([0.42, 12.6, 1139.2, NaN].map(formatMs)).toEqual(['0.4', '13', '1,139', '—']);
  });

  it('When answers failed, then every status and the errors are listed in status order', () => {
    expect(formatFailures({ '503': 2, '429': 12 }, 3, 3)).toBe('429×12 503×2 3 errors (3 timeouts)');
    expect(formatFailures({}, 0, 0)).toBe('none');
  });

  it('When the table is printed, then its columns line up under their headings', () => {
    const lines = scenarioTable([
      summarise('node:http baseline', answers(200, 0.2, 100), 1),
      summarise('search', answers(200, 40, 5), 1),
    ]);
    const column = lines[0]!.indexOf('p99 ms') + 'p99 ms'.length;
    expect(lines.map((l) => l.slice(column - 3, column).trim())).toEqual(['ms', '0.2', '40']);
  });
});
