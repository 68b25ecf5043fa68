import { newId } from '@shopeasy/service-kit/ids';
import { describe, expect, it } from 'vitest';
import { ORDER_SHARDS, orderShard } from '../src/data-access/keys.js';

describe('order shards', () => {
  it('When many orders are placed, then each shard takes close to its even share, so no partition runs hot', () => {
    const orders = 16_000;
    const counts = new Array<number>(ORDER_SHARDS).fill(0);
    for (let i = 0; i < orders; i++) counts[orderShard(newId('ord'))]! += 1;

    const share = orders / ORDER_SHARDS;
    // 15 % is about five standard deviations of a fair spread at this size.
    expect(Math.max(...counts)).toBeLessThan(share * 1.15);
    expect(Math.min(...counts)).toBeGreaterThan(share * 0.85);
  });
});
