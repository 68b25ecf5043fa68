import { describe, expect, it } from 'vitest';
import { backoffSeconds } from '../src/retry.js';

describe('backoffSeconds', () => {
  it('When a message keeps failing, then each retry waits twice as long, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((receives) => backoffSeconds(receives, 10, 300))).toEqual([
      10, 20, 40, 80, 160, 300,
    ]);
  });

  it('When the base is 0, then failed messages come back at once', () => {
    expect(backoffSeconds(4, 0, 300)).toBe(0);
  });
});
