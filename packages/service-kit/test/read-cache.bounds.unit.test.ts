import { describe, expect, it } from 'vitest';
import { BoundedLru } from '../src/read-cache/index.js';

const answer = (bytes: number) => ({ bytes });

describe('the read cache stays within its bounds', () => {
  it('When more entries are kept than allowed, then the least recently read one goes first', () => {
    const lru = new BoundedLru<{ bytes: number }>({
      ttlMs: 1_000,
      maxEntries: 2,
      maxBytes: 1_000,
      now: () => 0,
    });
    lru.set('/v1/products/a?', answer(10));
    lru.set('/v1/products/b?', answer(10));
    lru.get('/v1/products/a?');
    lru.set('/v1/products/c?', answer(10));
    expect(lru.get('/v1/products/b?')).toBeUndefined();
    expect(lru.get('/v1/products/a?')).toBeDefined();
    expect(lru.get('/v1/products/c?')).toBeDefined();
    expect(lru.size).toBe(2);
  });

  it('When the kept bytes would pass the limit, then old entries are evicted until they fit', () => {
    const lru = new BoundedLru<{ bytes: number }>({
      ttlMs: 1_000,
      maxEntries: 100,
      maxBytes: 250,
      now: () => 0,
    });
    for (const key of ['a', 'b', 'c']) lru.set(key, answer(100));
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(2);
    expect(lru.bytes).toBe(200);
  });

  it('When one answer alone is larger than the byte limit, then it is not kept', () => {
    const lru = new BoundedLru<{ bytes: number }>({
      ttlMs: 1_000,
      maxEntries: 100,
      maxBytes: 250,
      now: () => 0,
    });
    lru.set('big', answer(251));
    expect(lru.get('big')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it('When an entry outlives its TTL, then it is gone and its bytes are freed', () => {
    let now = 0;
    const lru = new BoundedLru<{ bytes: number }>({
      ttlMs: 2_000,
      maxEntries: 10,
      maxBytes: 1_000,
      now: () => now,
    });
    lru.set('a', answer(100));
    now = 1_999;
    expect(lru.get('a')).toBeDefined();
    now = 2_000;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });
});
