import { ConfigError } from '@shopeasy/service-kit/config';
import { describe, expect, it } from 'vitest';
import { loadCartConfig } from '../src/config.js';

describe('cart configuration', () => {
  it('When nothing is set, then the local defaults apply', () => {
    const config = loadCartConfig({});

    expect(config).toMatchObject({
      PORT: 8083,
      CART_TABLE: 'shopeasy-local-cart',
      CATALOG_URL: 'http://127.0.0.1:8082',
      CART_TTL_DAYS: 30,
      MAX_QUANTITY_PER_LINE: 10,
    });
  });

  it('When the per-line maximum exceeds the contract or the TTL is not a number, then start-up fails naming each variable', () => {
    const attempt = () => loadCartConfig({ MAX_QUANTITY_PER_LINE: '11', CART_TTL_DAYS: 'soon' });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/MAX_QUANTITY_PER_LINE/);
    expect(attempt).toThrow(/CART_TTL_DAYS/);
  });
});
