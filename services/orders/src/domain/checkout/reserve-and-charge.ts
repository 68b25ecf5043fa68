import { CheckoutInProgressError, StockUnavailableError } from '../errors.js';
import { newEffects, type CheckoutFailure, type Money, type Order, type OrderLine } from '../model.js';
import type { ChargeResult } from '../payment-provider.js';
import type { DomainDeps, OrderChange } from '../ports.js';
import { HOLD_EXPIRED_DETAIL, holdTooShortToCharge } from './hold.js';
import { askProvider, lookUpCharge } from './payment-calls.js';

/** A checkout run for a client's request, or by recovery for an order a dead process left. */
export type RunMode = 'request' | 'recovery';

/** Where reserving and charging left the order: a charge result to record, or the checkout cancelled. */
export type ReserveAndChargeOutcome =
  { kind: 'charged'; order: Order; charge: ChargeResult } | { kind: 'cancelled'; order: Order };

type Cancelled = Extract<ReserveAndChargeOutcome, { kind: 'cancelled' }>;

/**
 * The payment part of a checkout, from the recorded state on: reserve the stock (unless
 * recorded), then charge (key = order id). Every write is conditional on the caller's lease and
 * on the order still pending payment; once `lost` aborts (the lease was taken over), no further
 * reservation or charge is started. Recovery rolls back a checkout older than the resume window;
 * a checkout whose stock hold lapses before a charge could answer is cancelled, not charged.
 */
export async function reserveAndCharge(
  deps: DomainDeps,
  order: Order,
  owner: string,
  mode: RunMode,
  lost: AbortSignal,
): Promise<ReserveAndChargeOutcome> {
  if (mode === 'recovery' && tooOldToCharge(deps, order)) return rollBack(deps, order, owner);
  let current = order;
  if (!current.reserved) {
    const reserved = await reserve(deps, current, owner, lost);
    if (reserved.kind === 'cancelled') return reserved;
    current = reserved.order;
  }
  if (holdTooShortToCharge(deps, current)) return holdLapsed(deps, current, owner);
  return charge(deps, current, owner, lost);
}

// Too old to charge now, unless a charge may exist that the provider cannot look up.
function tooOldToCharge(deps: DomainDeps, order: Order): boolean {
  const tooOld = deps.now() - Date.parse(order.createdAt) > deps.settings.resumeWindowMs;
  return tooOld && (!order.chargeAttempted || deps.payments.findCharge !== undefined);
}

// Keeps a charge that went through; otherwise gives the stock back.
async function rollBack(deps: DomainDeps, order: Order, owner: string): Promise<ReserveAndChargeOutcome> {
  const found = order.chargeAttempted ? await lookUpCharge(deps, order.id) : undefined;
  if (found?.status === 'succeeded') return { kind: 'charged', order, charge: found };
  const detail = 'The checkout was not completed in time; nothing was charged.';
  return cancelAndReleaseStock(deps, order, owner, { code: 'abandoned', detail });
}

// An earlier attempt's charge, if the provider has one under the order's key, is refunded.
async function holdLapsed(deps: DomainDeps, order: Order, owner: string): Promise<Cancelled> {
  deps.metrics?.count('CheckoutConflicts');
  deps.metrics?.count('CheckoutConflicts', { reason: 'ReservationExpired' });
  const failure: CheckoutFailure = { code: 'reservation_expired', detail: HOLD_EXPIRED_DETAIL };
  const effects = newEffects({ releaseStock: true, ...(order.chargeAttempted ? { refund: true } : {}) });
  const cancelled = await updateWhileHolding(deps, order, owner, { status: 'cancelled', failure }, effects);
  return { kind: 'cancelled', order: cancelled };
}

// The catalog's names and prices replace the cart's snapshot.
async function reserve(
  deps: DomainDeps,
  order: Order,
  owner: string,
  lost: AbortSignal,
): Promise<{ kind: 'reserved'; order: Order } | Cancelled> {
  lost.throwIfAborted();
  let lines: OrderLine[];
  let reservedAt: string;
  try {
    const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
    ({ lines, reservedAt } = await deps.catalog.reserve(order.id, items));
  } catch (error) {
    if (!(error instanceof StockUnavailableError)) throw error;
    const reason = error.code === 'out_of_stock' ? 'OutOfStock' : 'Unavailable';
    deps.metrics?.count('CheckoutConflicts');
    deps.metrics?.count('CheckoutConflicts', { reason });
    const failure = { code: error.code, detail: error.detail, errors: error.errors };
    return cancelWithNothingReserved(deps, order, owner, failure);
  }
  const total = totalOf(lines);
  if (!total) {
    const detail = 'The products are priced in different currencies.';
    return cancelAndReleaseStock(deps, order, owner, { code: 'mixed_currency', detail });
  }
  const holdUntil = new Date(Date.parse(reservedAt) + deps.settings.holdMs).toISOString();
  const reserved = await updateWhileHolding(deps, order, owner, {
    items: lines,
    total,
    reserved: true,
    holdUntil,
  });
  await deps.onCheckoutStep?.('reserved', reserved.id);
  return { kind: 'reserved', order: reserved };
}

// `chargeAttempted` first: from then on recovery asks the provider before giving up on the order.
async function charge(
  deps: DomainDeps,
  order: Order,
  owner: string,
  lost: AbortSignal,
): Promise<ReserveAndChargeOutcome> {
  const current = order.chargeAttempted
    ? order
    : await updateWhileHolding(deps, order, owner, { chargeAttempted: true });
  lost.throwIfAborted();
  const result = await askProvider(() =>
    deps.payments.charge({
      amount: current.total.amount,
      currency: current.total.currency,
      paymentMethodId: current.paymentMethodId,
      idempotencyKey: current.id,
      description: `ShopEasy order ${current.id}`,
    }),
  );
  // Provider events name the payment only: they find the order through this link.
  await deps.ledger.link(result.reference, current.id);
  await deps.onCheckoutStep?.('charged', current.id);
  deps.metrics?.count('PaymentAttempts');
  return { kind: 'charged', order: current, charge: result };
}

// The reservation failed: nothing to give back.
async function cancelWithNothingReserved(
  deps: DomainDeps,
  order: Order,
  owner: string,
  failure: CheckoutFailure,
): Promise<Cancelled> {
  const cancelled = await updateWhileHolding(deps, order, owner, { status: 'cancelled', failure }, null);
  return { kind: 'cancelled', order: cancelled };
}

// Stock may be held under the order's id; releasing an unknown reservation changes nothing.
async function cancelAndReleaseStock(
  deps: DomainDeps,
  order: Order,
  owner: string,
  failure: CheckoutFailure,
): Promise<Cancelled> {
  const effects = newEffects({ releaseStock: true });
  const cancelled = await updateWhileHolding(deps, order, owner, { status: 'cancelled', failure }, effects);
  return { kind: 'cancelled', order: cancelled };
}

// Conditional on the lease and on the order still pending payment; otherwise someone took over.
async function updateWhileHolding(
  deps: DomainDeps,
  order: Order,
  owner: string,
  set: OrderChange['set'],
  effects?: OrderChange['effects'],
): Promise<Order> {
  const change: OrderChange = { set, expect: { status: ['pending_payment'], leaseOwner: owner } };
  if (effects !== undefined) change.effects = effects;
  const updated = await deps.orders.update(order.id, change);
  if (!updated) throw new CheckoutInProgressError();
  return updated;
}

/** The order total, or undefined when the lines are in different currencies. */
function totalOf(lines: OrderLine[]): Money | undefined {
  const currency = lines[0]?.unitPrice.currency;
  if (!currency || lines.some((l) => l.unitPrice.currency !== currency)) return undefined;
  return { amount: lines.reduce((total, line) => total + line.lineTotal.amount, 0), currency };
}
