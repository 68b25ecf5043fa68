import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shopeasy/service-kit/config';
import { loadOrdersConfig } from '../src/config.js';

describe('orders configuration', () => {
  it('When nothing is set, then the local defaults run the sandbox provider on port 8084', () => {
    const config = loadOrdersConfig({});
    expect(config).toMatchObject({
      PORT: 8084,
      PAYMENT_PROVIDER: 'sandbox',
      SANDBOX_PAYMENT_DELAY_MS: 0,
      CART_URL: 'http://127.0.0.1:8083',
      CATALOG_URL: 'http://127.0.0.1:8082',
      IDEMPOTENCY_TTL_SECONDS: 86400,
    });
  });

  it('When production does not name a payment provider, then start-up fails naming PAYMENT_PROVIDER', () => {
    expect(() =>
      loadOrdersConfig({ NODE_ENV: 'production', INTERNAL_API_KEY: 'a-real-internal-key-0123456789' }),
    ).toThrow(/PAYMENT_PROVIDER/);
  });

  it('When Stripe is chosen without its secret key or with the UNSET placeholder, then it starts and names STRIPE_SECRET_KEY as missing', () => {
    for (const key of [{}, { STRIPE_SECRET_KEY: 'UNSET' }]) {
      const config = loadOrdersConfig({ PAYMENT_PROVIDER: 'stripe', ...key });
      expect(config).toMatchObject({ PAYMENT_PROVIDER: 'stripe', missingPaymentKey: 'STRIPE_SECRET_KEY' });
      expect(config.STRIPE_SECRET_KEY).toBeUndefined();
    }
    const configured = loadOrdersConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_x' });
    expect(configured).toMatchObject({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_x' });
    expect(configured.missingPaymentKey).toBeUndefined();
    expect(loadOrdersConfig({ STRIPE_SECRET_KEY: 'UNSET' }).missingPaymentKey).toBeUndefined();
  });

  it('When production names no payment provider, then it still fails with a ConfigError', () => {
    expect(() =>
      loadOrdersConfig({ NODE_ENV: 'production', INTERNAL_API_KEY: 'a-real-internal-key-0123456789' }),
    ).toThrow(ConfigError);
  });

  it('When a provider is not one ShopEasy has, then start-up fails', () => {
    expect(() => loadOrdersConfig({ PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
  });

  it('When the stock hold is not longer than the resume window plus the recovery back-off, then start-up fails naming RESERVATION_TTL_SECONDS', () => {
    // Defaults: a 3600 s resume window and a 900 s longest back-off need a hold over 4500 s.
    for (const ttl of ['4500', '3600', '60'])
      expect(() => loadOrdersConfig({ RESERVATION_TTL_SECONDS: ttl })).toThrow(/RESERVATION_TTL_SECONDS/);
    expect(() =>
      loadOrdersConfig({ RESERVATION_TTL_SECONDS: '7200', CHECKOUT_RESUME_WINDOW_SECONDS: '6400' }),
    ).toThrow(/RESERVATION_TTL_SECONDS/);
    expect(loadOrdersConfig({ RESERVATION_TTL_SECONDS: '4501' }).RESERVATION_TTL_SECONDS).toBe(4501);
    expect(loadOrdersConfig({}).RESERVATION_TTL_SECONDS).toBe(7200);
  });

  it('When production does not set the stock hold, then start-up fails naming RESERVATION_TTL_SECONDS', () => {
    expect(() =>
      loadOrdersConfig({
        NODE_ENV: 'production',
        PAYMENT_PROVIDER: 'sandbox',
        INTERNAL_API_KEY: 'a-real-internal-key-0123456789',
      }),
    ).toThrow(/RESERVATION_TTL_SECONDS/);
  });
});
