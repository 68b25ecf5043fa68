import { describe, expect, it } from 'vitest';
import { cappedRate, cappedTopRate, harmonic, zipfShare } from '../src/zipf.js';

describe('Zipf shares', () => {
  it('When n is small, then H(n,s) is the exact sum', () => {
    expect(harmonic(4, 1)).toBeCloseTo(25 / 12, 12);
    expect(harmonic(3, 2)).toBeCloseTo(1 + 1 / 4 + 1 / 9, 12);
    expect(harmonic(10, 0)).toBe(10);
  });

  it('When the catalog has 100,000 products and s=1, then the top product gets 1/H ≈ 8.27 %', () => {
    // H(n,1) ≈ ln n + γ + 1/(2n)
    expect(harmonic(100_000, 1)).toBeCloseTo(Math.log(100_000) + 0.5772156649 + 1 / 200_000, 6);
    expect(zipfShare(1, 100_000, 1)).toBeCloseTo(0.082712, 5);
    expect(zipfShare(2, 4, 1)).toBeCloseTo(6 / 25, 12);
  });

  it('When every key is requested more often than the cap, then exactly cap × keys gets through', () => {
    expect(cappedRate(1000, 4, 1, 0.2)).toBeCloseTo(0.8, 12);
    expect(cappedTopRate(1000, 4, 1, 0.2)).toBeCloseTo(0.2, 12);
  });

  it('When some keys are colder than the cap, then they pass in full and the hot ones at the cap', () => {
    // λ = 24, 12, 8, 6 against a cap of 10: 10 + 10 + 8 + 6.
    expect(cappedRate(50, 4, 1, 10)).toBeCloseTo(34, 12);
    // Spread over 2 URLs per key, each URL is capped on its own: 10+10 + 6+6 + 4+4 + 3+3.
    expect(cappedRate(50, 4, 1, 10, 2)).toBeCloseTo(46, 12);
  });
});
