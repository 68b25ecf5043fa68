/**
 * Stripe's documented test payment methods (docs.stripe.com/testing) and what they do, so the
 * sandbox answers as Stripe in test mode would. Both spellings Stripe documents are accepted
 * (`pm_card_chargeDeclined` and `pm_card_visa_chargeDeclined`, …).
 */
const SUCCEEDING = [
  'pm_card_visa',
  'pm_card_visa_debit',
  'pm_card_mastercard',
  'pm_card_mastercard_debit',
  'pm_card_mastercard_prepaid',
  'pm_card_amex',
  'pm_card_discover',
  'pm_card_diners',
  'pm_card_jcb',
  'pm_card_unionpay',
  'pm_card_us',
  'pm_card_gb',
  'pm_card_de',
  'pm_card_fr',
  'pm_card_bypassPending',
];

const DECLINING: Record<string, string> = {
  chargeDeclined: 'generic_decline',
  chargeDeclinedInsufficientFunds: 'insufficient_funds',
  chargeDeclinedLostCard: 'lost_card',
  chargeDeclinedStolenCard: 'stolen_card',
  chargeDeclinedExpiredCard: 'expired_card',
  chargeDeclinedIncorrectCvc: 'incorrect_cvc',
  chargeDeclinedProcessingError: 'processing_error',
  chargeDeclinedFraudulent: 'fraudulent',
  chargeDeclinedVelocityLimitExceeded: 'card_velocity_exceeded',
};

/** Cards that ask the customer to authenticate (3-D Secure) before the payment goes through. */
const ACTION_REQUIRED = ['authenticationRequired', 'threeDSecure2Required', 'threeDSecureRequired'];

/** Decline code for an unknown payment method: the sandbox knows only Stripe's test methods. */
export const UNKNOWN_PAYMENT_METHOD = 'unknown_test_payment_method';

/** What a charge with this test method does: succeed, ask for an action, or decline (with Stripe's code). */
export type SandboxOutcome =
  { kind: 'succeeds' } | { kind: 'requires_action' } | { kind: 'declined'; code: string };

export function sandboxOutcome(paymentMethodId: string): SandboxOutcome {
  if (SUCCEEDING.includes(paymentMethodId)) return { kind: 'succeeds' };
  const kind = /^pm_card_(?:visa_)?(.+)$/.exec(paymentMethodId)?.[1];
  if (kind && ACTION_REQUIRED.includes(kind)) return { kind: 'requires_action' };
  return { kind: 'declined', code: (kind && DECLINING[kind]) || UNKNOWN_PAYMENT_METHOD };
}
