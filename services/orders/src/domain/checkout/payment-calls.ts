import { dependencyUnavailable } from '../errors.js';
import { PaymentProviderUnavailableError, type ChargeResult } from '../payment-provider.js';
import type { DomainDeps } from '../ports.js';

// The one place where a payment provider that did not answer becomes the 503 a client retries
// with the same Idempotency-Key (and that gives the order's lease back, see checkout.ts).

const providerUnavailable = (cause: unknown) => dependencyUnavailable('payment provider', cause);

/** A charge or refund: the provider's "unavailable" becomes a 503; any other error stays as it is. */
export async function askProvider<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof PaymentProviderUnavailableError ? providerUnavailable(error) : error;
  }
}

/**
 * The charge made under the order's key, for a checkout too old to charge now: a look-up that
 * fails, however it fails, decides nothing, so recovery tries again later.
 */
export async function lookUpCharge(deps: DomainDeps, orderId: string): Promise<ChargeResult | undefined> {
  try {
    return await deps.payments.findCharge?.(orderId);
  } catch (error) {
    throw providerUnavailable(error);
  }
}
