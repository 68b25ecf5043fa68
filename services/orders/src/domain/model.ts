import { randomUUID } from 'node:crypto';
import type { DomainEnvelope, Money, OrderLine } from '@shopeasy/events';

export type { Money, OrderLine } from '@shopeasy/events';

export const ORDER_STATUSES = [
  'pending_payment',
  'awaiting_payment_action',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'payment_failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** The body of a checkout request, as the contract defines it. */
export interface CheckoutRequest {
  paymentMethodId: string;
  shippingAddress: ShippingAddress;
}

export interface PaymentInfo {
  provider: string;
  status: 'pending' | 'requires_action' | 'captured' | 'declined' | 'refunded';
  reference?: string;
  declineCode?: string;
  /** While `requires_action`: for the storefront to run the customer's authentication (3-D Secure). */
  clientSecret?: string;
  /** While `requires_action`: when the order is cancelled unless the customer has authenticated (ISO). */
  actionExpiresAt?: string;
}

/** Why a checkout ended without a paid order; kept so a replay can answer the same problem. */
export interface CheckoutFailure {
  code:
    | 'out_of_stock'
    | 'unavailable'
    | 'mixed_currency'
    | 'abandoned'
    | 'cancelled'
    | 'reservation_expired'
    | 'payment_action_expired';
  detail: string;
  errors?: { field: string; message: string }[];
}

/**
 * Side effects decided by a state change and written with it, then carried out (each one
 * idempotent) and cleared. A process that dies in between leaves them for recovery: an outbox
 * on the order item itself.
 */
export interface PendingEffects {
  /** Identifies this set, so clearing it never clears a newer one. */
  id: string;
  releaseStock?: boolean;
  /** The order is paid: its reservation is kept for good, so the catalog never expires it. */
  confirmStock?: boolean;
  refund?: boolean;
  /** The payment waiting for the customer's action is cancelled at the provider (refunded if it went through). */
  cancelPayment?: boolean;
  markPurchases?: boolean;
  unmarkPurchases?: boolean;
  events?: DomainEnvelope[];
}

/** The payment of an order cancelled while it waited for the customer's action: it took nothing. */
export const abandonedPayment = (payment: PaymentInfo, declineCode: string): PaymentInfo => ({
  provider: payment.provider,
  status: 'declined',
  ...(payment.reference ? { reference: payment.reference } : {}),
  declineCode,
});

/** Effects to write with a state change; the id lets clearing them never clear newer ones. */
export const newEffects = (effects: Omit<PendingEffects, 'id'>): PendingEffects => ({
  id: randomUUID(),
  ...effects,
});

/** Whoever advances an order's checkout holds its lease; it expires unless renewed. */
export interface Lease {
  owner: string;
  until: number;
}

export interface Order {
  id: string;
  userId: string;
  /** The customer's email from the access token, for notifications. */
  email?: string;
  status: OrderStatus;
  items: OrderLine[];
  total: Money;
  shippingAddress: ShippingAddress;
  paymentMethodId: string;
  payment: PaymentInfo;
  /** Idempotency key of the checkout that created the order. */
  idempotencyKey: string;
  /** The checkout's answer is not stored yet (see `IdempotencyRecord`). */
  checkoutOpen: boolean;
  /** Stock is reserved at the catalog under reservationId = order id (prices come from there). */
  reserved: boolean;
  /** When the catalog's hold on the stock lapses unless confirmed (ISO); set with `reserved`. */
  holdUntil?: string;
  /** A charge with idempotency key = order id may exist at the provider. */
  chargeAttempted: boolean;
  cartCleared: boolean;
  failure?: CheckoutFailure;
  /** A dispute the provider reported on the charge (bookkeeping: not in the order's view). */
  dispute?: { id: string; reason: string; at: string };
  effects?: PendingEffects;
  lease?: Lease;
  createdAt: string;
  updatedAt: string;
}

/** What an order list shows of each order (the listing indexes project only these). */
export type ListedOrder = Pick<
  Order,
  'id' | 'userId' | 'status' | 'items' | 'total' | 'shippingAddress' | 'payment' | 'createdAt' | 'updatedAt'
>;

/** A stored answer, replayed for a retry with the same key. */
export interface StoredResponse {
  status: number;
  body?: unknown;
  problem?: { type: string; title: string; detail: string; errors?: { field: string; message: string }[] };
}

/** One checkout attempt per user and Idempotency-Key. */
export interface IdempotencyRecord {
  userId: string;
  key: string;
  requestHash: string;
  orderId: string;
  response?: StoredResponse;
  expiresAt: number;
}

export interface CartLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
}

/** Who is calling, from the access token. */
export interface Caller {
  userId: string;
  role: 'customer' | 'admin';
  email?: string;
  /** The bearer token, forwarded to the cart on the caller's behalf. */
  token?: string;
}

export interface Page<T> {
  items: T[];
  next?: Record<string, unknown>;
}
