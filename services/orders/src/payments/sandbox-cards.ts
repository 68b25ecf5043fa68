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
  // 3D Secure needs the customer in the loop, which a server-side checkout cannot do.
  authenticationRequired: 'authentication_required',
};

/** Decline code for an unknown payment method: the sandbox knows only Stripe's test methods. */
export const UNKNOWN_PAYMENT_METHOD = 'unknown_test_payment_method';

/** undefined when the method succeeds; otherwise the decline code Stripe would give. */
export function sandboxDeclineCode(paymentMethodId: string): string | undefined {
  if (SUCCEEDING.includes(paymentMethodId)) return undefined;
  const kind = /^pm_card_(?:visa_)?(.+)$/.exec(paymentMethodId)?.[1];
  return (kind && DECLINING[kind]) || UNKNOWN_PAYMENT_METHOD;
}
