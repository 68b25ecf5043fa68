import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '../src/domain/request-hash.js';

const body = {
  paymentMethodId: 'pm_card_visa',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Example Street',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
};

describe('request hash', () => {
  it('When the keys of a body come in another order, then the hash is the same', () => {
    const reordered = {
      shippingAddress: {
        country: 'GB',
        postalCode: 'N1 9GU',
        city: 'London',
        line1: '12 Example Street',
        name: 'Ada Lovelace',
      },
      paymentMethodId: 'pm_card_visa',
    };
    expect(requestHash(reordered)).toBe(requestHash(body));
  });

  it('When any value differs, then the hash differs', () => {
    expect(requestHash({ ...body, paymentMethodId: 'pm_card_mastercard' })).not.toBe(requestHash(body));
    expect(requestHash({ ...body, shippingAddress: { ...body.shippingAddress, line2: 'Flat 3' } })).not.toBe(
      requestHash(body),
    );
    expect(requestHash({ ...body, shippingAddress: { ...body.shippingAddress, city: 'london' } })).not.toBe(
      requestHash(body),
    );
  });

  it('When values are nested in arrays, then their order counts but key order does not', () => {
    expect(canonicalJson({ b: [2, { y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[2,{"x":2,"y":1}]}');
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });

  it('When a field is absent or undefined, then the body hashes alike; a string "1" is not the number 1', () => {
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
    expect(requestHash(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});
