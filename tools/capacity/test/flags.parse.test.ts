import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGET, parseFlags, UsageError } from '../src/flags.js';
import { readLoadResults, ResultsError } from '../src/load-results.js';

const root = '/repo';

describe('Flags', () => {
  it('When no flag is given, then the issue target and the committed load results are used', () => {
    const options = parseFlags([], root);
    expect(options.target).toEqual(DEFAULT_TARGET);
    expect(options.target.rates).toEqual({
      browse: 30_000,
      detail: 15_000,
      search: 5_000,
      cart: 5_000,
      checkout: 1_000,
    });
    expect(options.resultsFile).toBe('/repo/tests/load/results/latest.json');
    expect(options.edgeMaxAgeSeconds).toBeUndefined();
  });

  it('When rates, catalog, skew and edge cache are given, then each one changes', () => {
    const options = parseFlags(
      ['--detail', '100', '--products', '50', '--zipf', '0.8', '--edge-cache', '30', '--results', 'x.json'],
      root,
    );
    expect(options.target.rates.detail).toBe(100);
    expect(options.target.rates.browse).toBe(30_000);
    expect(options.target.products).toBe(50);
    expect(options.target.zipf).toBe(0.8);
    expect(options.edgeMaxAgeSeconds).toBe(30);
    expect(options.resultsFile).toBe('/repo/x.json');
    expect(parseFlags(['--edge-cache', 'off'], root).edgeMaxAgeSeconds).toBe(0);
  });

  it('When a flag is malformed or unknown, then a usage error names it', () => {
    expect(() => parseFlags(['--browse', 'lots'], root)).toThrow(
      '--browse must be a number of at least 0, not "lots".',
    );
    expect(() => parseFlags(['--products', '2.5'], root)).toThrow('--products must be an integer');
    expect(() => parseFlags(['--edge-cache', '0'], root)).toThrow('--edge-cache');
    expect(() => parseFlags(['--bogus'], root)).toThrow(UsageError);
  });

  it('When the load results predate capacity recording, then the message says what to run', () => {
    const file = new URL('./fixtures/load-results-before-capacity.json', import.meta.url).pathname;
    expect(() => readLoadResults(file)).toThrow(ResultsError);
    expect(() => readLoadResults(file)).toThrow(/predate capacity recording.*`npm run load`/);
    expect(() => readLoadResults('/nowhere/latest.json')).toThrow('No load results at /nowhere/latest.json');
  });
});
