/** What the payment provider is asked to charge; the key makes a retried charge a no-op. */
export interface ChargeRequest {
  /** Minor units. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** The provider's payment-method token; card data never reaches ShopEasy. */
  paymentMethodId: string;
  idempotencyKey: string;
  /** Shown in the provider's dashboard and kept with the charge (e.g. the order id). */
  description?: string;
}

export interface ChargeResult {
  /** `requires_action`: the customer must authenticate (3-D Secure) before the money moves. */
  status: 'succeeded' | 'declined' | 'requires_action';
  /** The provider's id for the charge (e.g. a PaymentIntent id). */
  reference: string;
  /** Why the provider declined, in its words (generic_decline, insufficient_funds, …). */
  declineCode?: string;
  /** `requires_action`: the client secret the storefront completes the action with (Stripe.js). */
  clientSecret?: string;
}

export interface RefundRequest {
  reference: string;
  idempotencyKey: string;
}

export interface RefundResult {
  reference: string;
  status: 'succeeded' | 'pending';
}

/**
 * The payment-provider port. Every call is idempotent on its key: repeating a charge with the
 * same key answers the first result and charges nothing more.
 */
export interface PaymentProvider {
  /** Recorded on the order as `payment.provider`. */
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * Cancels a payment still waiting for the customer's action, so it can no longer take money.
   * Answers `succeeded` when it went through first (the caller refunds it), else `canceled`.
   */
  cancel(reference: string): Promise<'canceled' | 'succeeded'>;
  /** The charge made with this key, if the provider can look it up; undefined when there is none. */
  findCharge?(idempotencyKey: string): Promise<ChargeResult | undefined>;
}

/** The provider could not be reached or failed; nothing is known about the charge yet. */
export class PaymentProviderUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaymentProviderUnavailableError';
  }
}
