import { problemType, ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import type { ReadinessCheck } from '@shopeasy/service-kit/http';
import { PaymentProviderUnavailableError, type PaymentProvider } from '../domain/payment-provider.js';

/** Checkout while the payment key is missing: 503 before any order, reservation or charge. */
export class PaymentsNotConfiguredError extends ServiceUnavailableError {
  constructor(variable: string) {
    super(`Payments are not configured: ${variable} is not set. No order was created.`, 60);
  }

  override get type(): string {
    return problemType('payments-not-configured');
  }
}

/**
 * The /health/ready check that reports the service degraded, naming the variable, until the
 * payment key is set: orders stays in service (order history, cancellation, recovery work) and a
 * first deployment comes up healthy before the operator has put the key.
 */
export function paymentKeyCheck(variable: string): ReadinessCheck {
  return {
    name: 'payment-provider',
    degradesOnly: true,
    check: () => Promise.reject(new Error(`${variable} is not set; checkout answers 503 until it is`)),
  };
}

/**
 * The provider while its key is missing. Checkout never reaches it (the createOrder handler
 * refuses first); recovery of older orders sees it as unavailable and retries later.
 */
export function unconfiguredProvider(name: string, variable: string): PaymentProvider {
  const refuse = () =>
    Promise.reject(
      new PaymentProviderUnavailableError(`Payments are not configured: ${variable} is not set`),
    );
  return { name, charge: refuse, refund: refuse, cancel: refuse, findCharge: refuse };
}

/** The handlers with createOrder answering PaymentsNotConfiguredError; every other operation as is. */
export function withoutCheckout<H extends { createOrder: unknown }>(handlers: H, variable: string): H {
  return {
    ...handlers,
    createOrder: () => Promise.reject(new PaymentsNotConfiguredError(variable)),
  };
}
