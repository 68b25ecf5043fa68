import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarise } from '../src/stats.js';

describe('Percentiles and throughput', () => {
  it('When 100 samples are 1..100 ms, then p50, p95 and p99 are the 50th, 95th and 99th of them', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([50, 95, 99, 100].map((p) => percentile(samples, p))).toEqual([50, 95, 99, 100]);
  });

  it('When there are few samples, then a percentile is one of them (nearest rank), never an average', () => {
    expect(percentile([10, 1000], 50)).toBe(10);
    expect(percentile([10, 1000], 99)).toBe(1000);
    expect(percentile([7], 0)).toBe(7);
  });

  it('When nothing answered, then the percentiles are not numbers rather than zero', () => {
    const figures = summarise('browse', [], 10, { errors: 16, timeouts: 16 });
    expect(figures.latencyMs.p99).toBeNaN();
    expect(figures).toMatchObject({ requests: 0, okPerSecond: 0, errors: 16, timeouts: 16 });
  });

  it('When some answers are not 2xx, then they count per status and only 2xx count as throughput', () => {
    const samples = [
      ...Array.from({ length: 30 }, () => ({ status: 200, ms: 5 })),
      ...Array.from({ length: 8 }, () => ({ status: 429, ms: 1 })),
      { status: 503, ms: 30 },
      { status: 201, ms: 9 },
    ];
    const figures = summarise('cart add', samples, 4);
    expect(figures.non2xx).toEqual({ '429': 8, '503': 1 });
    expect(figures.requestsPerSecond).toBe(10);
    expect(figures.okPerSecond).toBe(31 / 4);
    expect(figures.latencyMs.max).toBe(30);
  });

  it('When the baseline answered nothing, then there is no ratio instead of a division by zero', () => {
    expect(ratio(150, 15_000)).toBe(0.01);
    expect(ratio(150, 0)).toBeUndefined();
  });
});
