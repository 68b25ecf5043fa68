import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@shopeasy/local-aws';
import { newId } from '@shopeasy/service-kit/ids';
import { PaymentProviderUnavailableError } from '../src/domain/payment-provider.js';
import { createStripeProvider } from '../src/payments/stripe-provider.js';
import { startStripeMock, type StripeMock } from './support/stripe-mock.js';

let mock: StripeMock;

beforeAll(async () => {
  mock = await startStripeMock();
}, 180_000);

afterAll(async () => {
  await mock?.stop();
});

describe('Stripe adapter against stripe-mock', () => {
  it('When an order is charged and refunded, then the SDK sends valid requests with the order-bound idempotency keys', async () => {
    const stripe = createStripeProvider({ secretKey: 'sk_test_shopeasy', apiUrl: mock.url });
    const orderId = newId('ord');

    const charge = await stripe.charge({
      amount: 17998,
      currency: 'EUR',
      paymentMethodId: 'pm_card_visa',
      idempotencyKey: orderId,
    });
    const refund = await stripe.refund({ reference: charge.reference, idempotencyKey: `refund_${orderId}` });

    // stripe-mock validates every parameter against Stripe's OpenAPI spec and answers fixtures
    // (it keeps no state, so the intent's status is its fixture's, not a real outcome).
    expect(charge.reference).toMatch(/^pi_/);
    expect(['succeeded', 'declined']).toContain(charge.status);
    expect(refund).toMatchObject({ reference: expect.stringMatching(/^re_/), status: 'succeeded' });
    expect(mock.requests).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/v1/payment_intents', idempotencyKey: orderId },
        { method: 'POST', path: '/v1/refunds', idempotencyKey: `refund_${orderId}` },
      ]),
    );
  });

  it('When a payment waiting for the customer is cancelled, then the adapter cancels the intent under its own key', async () => {
    const stripe = createStripeProvider({ secretKey: 'sk_test_shopeasy', apiUrl: mock.url });

    const outcome = await stripe.cancel('pi_3PqR8s2eZvKYlo2C0x1y2z3b');

    // stripe-mock answers its fixture intent, whose status is not `succeeded`.
    expect(outcome).toBe('canceled');
    expect(mock.requests).toContainEqual({
      method: 'POST',
      path: '/v1/payment_intents/pi_3PqR8s2eZvKYlo2C0x1y2z3b/cancel',
      idempotencyKey: 'cancel_pi_3PqR8s2eZvKYlo2C0x1y2z3b',
    });
  });

  it('When recovery looks a charge up by its key, then the adapter searches the intents', async () => {
    const stripe = createStripeProvider({ secretKey: 'sk_test_shopeasy', apiUrl: mock.url });

    const found = await stripe.findCharge!(newId('ord'));

    expect(found?.reference).toMatch(/^pi_/);
    expect(
      mock.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/payment_intents/search')),
    ).toBe(true);
  });

  it('When Stripe cannot be reached, then the charge fails as unavailable, not as a decline', async () => {
    const stripe = createStripeProvider({
      secretKey: 'sk_test_shopeasy',
      apiUrl: `http://127.0.0.1:${await freePort()}`,
      timeoutMs: 2000,
    });

    await expect(
      stripe.charge({
        amount: 100,
        currency: 'EUR',
        paymentMethodId: 'pm_card_visa',
        idempotencyKey: newId('ord'),
      }),
    ).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
  });
});
