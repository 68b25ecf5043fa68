import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '@shopeasy/service-kit/ids';
import { CheckoutInProgressError, EmptyCartError, IdempotencyKeyReusedError } from '../errors.js';
import { leaseActive, leaseFor, newLeaseOwner } from '../lease.js';
import type { CartLine, Caller, CheckoutRequest, IdempotencyRecord, Order } from '../model.js';
import type { DomainDeps } from '../ports.js';
import { requestHash } from '../request-hash.js';

/** How a checkout request begins: its key was answered already (see `replayAnswer`), or it holds an order's lease to run. */
export type Started =
  { kind: 'answered'; record: IdempotencyRecord } | { kind: 'leased'; order: Order; owner: string };

/**
 * A new key creates the order (with its idempotency record, in one transaction). A known key
 * with the same body has its stored answer, or resumes the unfinished checkout, or answers 409
 * while another request is still working on it; a known key with another body answers 409.
 */
export async function startOrResume(
  deps: DomainDeps,
  caller: Caller,
  key: string,
  request: CheckoutRequest,
): Promise<Started> {
  const hash = requestHash(request);
  const known = await deps.idempotency.get(caller.userId, key, nowSeconds(deps));
  if (known) return resumeKnown(deps, caller, known, hash);

  const lines = await deps.cart.getCart(caller.token ?? '');
  if (lines.length === 0) throw new EmptyCartError();
  const owner = newLeaseOwner();
  const order = draftOrder(caller, key, request, lines, {
    owner,
    leaseMs: deps.settings.leaseMs,
    provider: deps.payments.name,
    now: deps.now(),
  });
  const record: IdempotencyRecord = {
    userId: caller.userId,
    key,
    requestHash: hash,
    orderId: order.id,
    expiresAt: nowSeconds(deps) + deps.settings.idempotencyTtlSeconds,
  };
  if (!(await deps.orders.create(order, record, nowSeconds(deps)))) {
    // Another request with this key won the race.
    const winner = await deps.idempotency.get(caller.userId, key, nowSeconds(deps));
    if (!winner) throw new CheckoutInProgressError();
    return resumeKnown(deps, caller, winner, hash);
  }
  await deps.onCheckoutStep?.('created', order.id);
  return { kind: 'leased', order, owner };
}

async function resumeKnown(
  deps: DomainDeps,
  caller: Caller,
  record: IdempotencyRecord,
  hash: string,
): Promise<Started> {
  if (record.requestHash !== hash) throw new IdempotencyKeyReusedError();
  if (record.response) return { kind: 'answered', record };
  return resumeUnfinished(deps, caller, record);
}

/**
 * The checkout of this key has not answered yet. Its lease tells whether someone works on it: a
 * live holder renews it every third of its length, so a lease renewed within the last half
 * length means "in progress" (409). A lease left unrenewed longer is watched until it is
 * renewed after all (409) or runs out (its holder died): then this request takes it over.
 */
async function resumeUnfinished(
  deps: DomainDeps,
  caller: Caller,
  record: IdempotencyRecord,
): Promise<Started> {
  const { leaseMs } = deps.settings;
  const deadline = deps.now() + leaseMs;
  let order = await deps.orders.get(record.orderId);
  const firstSeen = order?.lease?.until;
  for (;;) {
    if (!order) throw new CheckoutInProgressError();
    const now = deps.now();
    if (!leaseActive(order, now)) {
      const owner = newLeaseOwner();
      const taken = await deps.orders.acquireLease(order.id, leaseFor(owner, leaseMs, now), now);
      if (taken) return { kind: 'leased', order: taken, owner };
    } else if (
      order.lease!.until - now > leaseMs / 2 ||
      order.lease!.until !== firstSeen ||
      now >= deadline
    ) {
      throw new CheckoutInProgressError();
    }
    const remaining = order.lease ? order.lease.until - now : 0;
    await sleep(Math.max(25, Math.min(leaseMs / 3, remaining + 25)));
    const again = await deps.idempotency.get(caller.userId, record.key, nowSeconds(deps));
    if (again?.response) return resumeKnown(deps, caller, again, record.requestHash);
    order = await deps.orders.get(record.orderId);
  }
}

function draftOrder(
  caller: Caller,
  key: string,
  request: CheckoutRequest,
  lines: CartLine[],
  settings: { owner: string; leaseMs: number; provider: string; now: number },
): Order {
  const now = new Date(settings.now).toISOString();
  // Cart prices are a snapshot for display only; the catalog's prices replace them on reservation.
  const items = lines.map((l) => ({
    ...l,
    lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency },
  }));
  return {
    id: newId('ord'),
    userId: caller.userId,
    ...(caller.email ? { email: caller.email } : {}),
    status: 'pending_payment',
    items,
    total: {
      amount: items.reduce((t, l) => t + l.lineTotal.amount, 0),
      currency: items[0]!.unitPrice.currency,
    },
    shippingAddress: request.shippingAddress,
    paymentMethodId: request.paymentMethodId,
    payment: { provider: settings.provider, status: 'pending' },
    idempotencyKey: key,
    checkoutOpen: true,
    reserved: false,
    chargeAttempted: false,
    cartCleared: false,
    lease: leaseFor(settings.owner, settings.leaseMs, settings.now),
    createdAt: now,
    updatedAt: now,
  };
}

const nowSeconds = (deps: DomainDeps) => Math.floor(deps.now() / 1000);
