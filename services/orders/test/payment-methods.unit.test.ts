import { describe, expect, it } from 'vitest';
import { sandboxOutcome, UNKNOWN_PAYMENT_METHOD } from '../src/payments/sandbox-cards.js';
import { chargeResult } from '../src/payments/stripe-provider.js';

describe('sandbox test payment methods', () => {
  it.each(['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_visa_debit'])(
    'When %s is charged, then it succeeds',
    (method) => {
      expect(sandboxOutcome(method)).toEqual({ kind: 'succeeds' });
    },
  );

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_visa_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc'],
    ['pm_card_visa_chargeDeclinedStolenCard', 'stolen_card'],
    ['pm_card_visa_4242', UNKNOWN_PAYMENT_METHOD],
    ['pm_anything', UNKNOWN_PAYMENT_METHOD],
  ])('When %s is charged, then it is declined with %s', (method, code) => {
    expect(sandboxOutcome(method)).toEqual({ kind: 'declined', code });
  });

  it.each([
    'pm_card_authenticationRequired',
    'pm_card_threeDSecure2Required',
    'pm_card_threeDSecureRequired',
  ])('When %s is charged, then it asks for the customer’s authentication', (method) => {
    expect(sandboxOutcome(method)).toEqual({ kind: 'requires_action' });
  });
});

describe('Stripe PaymentIntent results', () => {
  it('When the intent succeeded, then the charge succeeded with the intent as reference', () => {
    expect(
      chargeResult({ id: 'pi_1', status: 'succeeded', last_payment_error: null, client_secret: null }),
    ).toEqual({
      status: 'succeeded',
      reference: 'pi_1',
    });
  });

  it('When the intent needs another payment method, then the charge is declined with the decline code', () => {
    const intent = {
      id: 'pi_2',
      status: 'requires_payment_method' as const,
      last_payment_error: { decline_code: 'insufficient_funds', type: 'card_error' as const },
    };
    expect(chargeResult(intent as Parameters<typeof chargeResult>[0])).toEqual({
      status: 'declined',
      reference: 'pi_2',
      declineCode: 'insufficient_funds',
    });
  });

  it('When the intent asks for authentication, then the charge waits for the action with its client secret', () => {
    const intent = {
      id: 'pi_3',
      status: 'requires_action' as const,
      last_payment_error: null,
      client_secret: 'pi_3_secret_x1',
    };
    expect(chargeResult(intent)).toEqual({
      status: 'requires_action',
      reference: 'pi_3',
      clientSecret: 'pi_3_secret_x1',
    });
  });
});
