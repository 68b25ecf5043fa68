import { describe, expect, it } from 'vitest';
import { normaliseKey } from '../src/patterns.js';

const ULID = '01JD3X4Y5Z6A7B8C9D0E1F2G3H';

describe('Key patterns', () => {
  it('When a key holds a ShopEasy id, then the id becomes the variable its prefix names', () => {
    expect(normaliseKey(`PRODUCT#prd_${ULID}`)).toEqual({
      pattern: 'PRODUCT#<product>',
      variable: 'product',
    });
    expect(normaliseKey(`CATEGORY#cat_${ULID}`)).toEqual({
      pattern: 'CATEGORY#<category>',
      variable: 'category',
    });
    expect(normaliseKey(`CART#usr_${ULID}`)).toEqual({ pattern: 'CART#<user>', variable: 'user' });
    expect(normaliseKey(`RESERVATION#ord_${ULID}`)).toEqual({
      pattern: 'RESERVATION#<order>',
      variable: 'order',
    });
    expect(normaliseKey(`INVEVENT#evt_${ULID}`).variable).toBe('event');
    expect(normaliseKey(`REVIEW#rev_${ULID}`).variable).toBe('review');
  });

  it('When an id carries a suffix of its own, then the id is still the variable and the suffix stays', () => {
    expect(normaliseKey(`EVENT#evt_${ULID}_paid`)).toEqual({
      pattern: 'EVENT#<event>_paid',
      variable: 'event',
    });
    expect(normaliseKey(`PRODUCT#prd_${ULID}X`).variable).toBe('observed');
  });

  it('When a key holds two ids, then both are replaced and the narrower one decides the variable', () => {
    expect(normaliseKey(`CART#usr_${ULID}|ITEM#prd_${ULID}`)).toEqual({
      pattern: 'CART#<user>|ITEM#<product>',
      variable: 'user',
    });
    expect(normaliseKey(`IDEMPOTENCY#usr_${ULID}#3f1c2a9e-58b4-4b8e-9d0e-0a1b2c3d4e5f`)).toEqual({
      pattern: 'IDEMPOTENCY#<user>#<uuid>',
      variable: 'unique',
    });
    expect(normaliseKey(`PURCHASE#prd_${ULID}#ord_${ULID}`).variable).toBe('order');
  });

  it('When a key has no ids, then it stays as observed, shard suffix and token included', () => {
    for (const key of ['PRODUCTS', 'CATEGORIES', 'RESERVATIONS#OPEN', 'TOKEN#sh', 'PRODUCTS#3']) {
      expect(normaliseKey(key)).toEqual({ pattern: key, variable: 'observed' });
    }
  });

  it('When an id has an unknown prefix or a hash, then it counts as one value per entity', () => {
    expect(normaliseKey(`FAMILY#rt_${ULID}`)).toEqual({ pattern: 'FAMILY#<rt>', variable: 'unique' });
    expect(normaliseKey(`REFRESH#${'ab'.repeat(32)}`)).toEqual({
      pattern: 'REFRESH#<hash>',
      variable: 'unique',
    });
  });

  it('When the id part is not a ULID, then the key is left alone', () => {
    expect(normaliseKey('PRODUCT#prd_short').variable).toBe('observed');
  });
});
