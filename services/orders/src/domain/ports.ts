import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type {
  CartLine,
  IdempotencyRecord,
  Lease,
  ListedOrder,
  Order,
  OrderLine,
  OrderStatus,
  Page,
  PendingEffects,
  StoredResponse,
} from './model.js';
import type { PaymentProvider } from './payment-provider.js';

/** A conditional change of one order: applied only when `expect` holds. */
export interface OrderChange {
  set: Partial<Omit<Order, 'id' | 'userId' | 'createdAt' | 'lease' | 'effects'>>;
  /** Replaces the pending effects (null clears them). */
  effects?: PendingEffects | null;
  expect: {
    status?: readonly OrderStatus[];
    leaseOwner?: string;
    /** The current pending effects have this id. */
    effectsId?: string;
    /** No effects are pending. */
    noEffects?: boolean;
  };
}

export interface OrderStore {
  /**
   * Writes the order, its idempotency record and its open-work marker at once; false if the key is
   * taken by a record not yet expired at `now` (epoch seconds).
   */
  create(order: Order, idempotency: IdempotencyRecord, now: number): Promise<boolean>;
  get(orderId: string): Promise<Order | undefined>;
  /** The order after the change, or undefined when a condition did not hold. */
  update(orderId: string, change: OrderChange): Promise<Order | undefined>;
  /** Takes the lease when it is free or expired at `now`; undefined when someone else holds it. */
  acquireLease(orderId: string, lease: Lease, now: number): Promise<Order | undefined>;
  /** Extends the lease while `owner` still holds it; false when it was lost. */
  renewLease(orderId: string, lease: Lease): Promise<boolean>;
  releaseLease(orderId: string, owner: string): Promise<void>;
  /** Records that the order has unfinished side effects (read by the recovery sweeper). */
  openWork(orderId: string, since: number): Promise<void>;
  closeWork(orderId: string): Promise<void>;
  /** Orders with unfinished work started before `before` (epoch ms). */
  listOpenWork(before: number): Promise<string[]>;
  listByUser(
    userId: string,
    limit: number,
    cursor?: Record<string, unknown>,
    status?: OrderStatus,
  ): Promise<Page<ListedOrder>>;
  /** Every order (or those of a status) newest first; `next` is the last item's position. */
  listAll(limit: number, cursor?: Record<string, unknown>, status?: OrderStatus): Promise<Page<ListedOrder>>;
}

export interface IdempotencyStore {
  /** The record unless it has expired at `now` (epoch seconds). */
  get(userId: string, key: string, now: number): Promise<IdempotencyRecord | undefined>;
  /** Stores the answer once; a second completion changes nothing. */
  complete(userId: string, key: string, response: StoredResponse): Promise<void>;
}

/** Which order a provider's payment belongs to, and which provider events were applied. */
export interface PaymentLedger {
  /** Records the order a payment reference (a PaymentIntent id) was made for; idempotent. */
  link(reference: string, orderId: string): Promise<void>;
  orderOf(reference: string): Promise<string | undefined>;
  /**
   * Claims a provider event for applying, for a lease (epoch ms `now`): `claimed`; `applied` when
   * an earlier delivery applied it; `busy` while another delivery holds an unexpired lease. A
   * claim whose holder died lapses with its lease, so a later delivery applies the event.
   */
  claimEvent(eventId: string, now: number): Promise<'claimed' | 'applied' | 'busy'>;
  /** Records a claimed event as applied: later deliveries are duplicates. */
  completeEvent(eventId: string): Promise<void>;
  /** Undoes a claim whose event could not be applied, so its redelivery is applied. */
  releaseEvent(eventId: string): Promise<void>;
}

/** "Did this customer buy this product": one marker per paid order line. */
export interface PurchaseStore {
  mark(userId: string, orderId: string, productIds: string[]): Promise<void>;
  unmark(userId: string, orderId: string, productIds: string[]): Promise<void>;
  find(userId: string, productId: string): Promise<string | undefined>;
}

/** The catalog's stock reservations (contracts/catalog.yaml, internal operations). */
export interface CatalogPort {
  /**
   * Reserves every line or none; answers the catalog's names and prices and when the reservation
   * was made (its hold runs from then). Throws StockUnavailableError.
   */
  reserve(
    reservationId: string,
    items: { productId: string; quantity: number }[],
  ): Promise<{ lines: OrderLine[]; reservedAt: string }>;
  /** Idempotent; an unknown reservation counts as released. */
  release(reservationId: string): Promise<void>;
  /**
   * Keeps the reservation for good (the order is paid), so it never expires. Idempotent. Answers
   * `lapsed` when the hold is gone (released or expired, its units maybe sold again). Throws
   * PeerUnavailableError while the catalog cannot answer (the effect stays pending).
   */
  confirm(reservationId: string): Promise<'confirmed' | 'lapsed'>;
}

/** The caller's cart, reached with the caller's own token. */
export interface CartPort {
  getCart(token: string): Promise<CartLine[]>;
  clearCart(token: string): Promise<void>;
}

export interface EventPublisher {
  publish(events: NonNullable<PendingEffects['events']>): Promise<void>;
}

/** Named points of a checkout; tests crash or pause a checkout at one of them. */
export type CheckoutStep = 'created' | 'reserved' | 'charged' | 'recorded' | 'settled';

export interface CheckoutSettings {
  /** How long a lease lasts without renewal; the holder renews it every third of that. */
  leaseMs: number;
  /** Idempotency records expire after this long. */
  idempotencyTtlSeconds: number;
  /** A pending checkout older than this is rolled back instead of charged by recovery. */
  resumeWindowMs: number;
  /** How long the catalog holds reserved stock unless confirmed (its RESERVATION_TTL_SECONDS). */
  holdMs: number;
  /** The longest a charge may take: a hold lapsing sooner than this is not charged against. */
  paymentTimeoutMs: number;
  /** How long a customer has to complete a payment's action (3-D Secure) before the order is cancelled. */
  actionWindowMs: number;
}

/** Everything the use cases need. */
export interface DomainDeps {
  orders: OrderStore;
  idempotency: IdempotencyStore;
  purchases: PurchaseStore;
  ledger: PaymentLedger;
  catalog: CatalogPort;
  cart: CartPort;
  payments: PaymentProvider;
  events: EventPublisher;
  logger: Logger;
  settings: CheckoutSettings;
  /** Epoch ms: decides leases, expiries and the resume window (tests move it instead of waiting). */
  now: () => number;
  /** Test-only: called as a checkout reaches each step; production wiring leaves it out. */
  onCheckoutStep?: (step: CheckoutStep, orderId: string) => void | Promise<void>;
  /**
   * Business counters: OrdersPlaced, PaymentAttempts, PaymentsDeclined, CheckoutConflicts,
   * HoldLapsedRefunds, PaymentDisputes, PaymentEvents, PaymentActionsRequired, PaymentActionsExpired.
   */
  metrics?: Pick<ServiceMetrics, 'count'>;
}
