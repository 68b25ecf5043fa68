import { describe, expect, it } from 'vitest';
import { countAfter } from '../src/domain/inventory.js';

/** One write per event, as the consumer used to apply them: each decrease stops at zero. */
const oneByOne = (count: number, deltas: number[]) => deltas.reduce((x, d) => Math.max(0, x + d), count);

describe('a batch of cart changes as one write', () => {
  it('When a batch is applied as one write, then the count is what applying each change in turn gives', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 11;
    for (let run = 0; run < 2_000; run++) {
      const deltas = Array.from({ length: 1 + (run % 40) }, () => next() - 5).filter((d) => d !== 0);
      const start = next();
      expect(countAfter(start, deltas), `${start} ${deltas.join(',')}`).toBe(oneByOne(start, deltas));
    }
  });

  it('When more units leave than were counted, then the count stops at 0 and later additions count from there', () => {
    expect(countAfter(0, [1, -3, 2])).toBe(2);
    expect(countAfter(5, [-2, -9])).toBe(0);
    expect(countAfter(5, [2, -1])).toBe(6);
  });
});
