import { CheckoutInProgressError, dependencyUnavailable, StockUnavailableError } from './errors.js';
import type { CheckoutFailure, Money, Order, OrderLine } from './model.js';
import { paidEvents } from './order-events.js';
import { PaymentProviderUnavailableError, type ChargeResult } from './payment-provider.js';
import type { DomainDeps } from './ports.js';
import { newEffects } from './settle.js';

/** A checkout run for a client's request, or by recovery for an order a dead process left. */
export type RunMode = 'request' | 'recovery';

/**
 * The payment part of a checkout, from the recorded state on: reserve the stock (unless
 * recorded), charge (key = order id), record the result with the effects it calls for. Every
 * write is conditional on the caller's lease and on the order still pending payment; once `lost`
 * aborts (the lease was taken over), no further reservation or charge is started.
 */
export async function advance(
  deps: DomainDeps,
  order: Order,
  owner: string,
  mode: RunMode,
  lost: AbortSignal,
): Promise<Order> {
  let current = order;
  const expect = { status: ['pending_payment'] as const, leaseOwner: owner };
  const tooOld = deps.now() - Date.parse(order.createdAt) > deps.settings.resumeWindowMs;
  if (mode === 'recovery' && tooOld && (!order.chargeAttempted || deps.payments.findCharge)) {
    // Too old to charge now: keep a charge that went through, otherwise give the stock back.
    const found = order.chargeAttempted ? await findCharge(deps, order.id) : undefined;
    if (found?.status === 'succeeded') return record(deps, order, owner, found);
    const detail = 'The checkout was not completed in time; nothing was charged.';
    return fail(deps, order, owner, { code: 'abandoned', detail }, true);
  }
  if (!current.reserved) {
    lost.throwIfAborted();
    let lines: OrderLine[];
    try {
      lines = await deps.catalog.reserve(
        current.id,
        current.items.map(({ productId, quantity }) => ({ productId, quantity })),
      );
    } catch (error) {
      if (!(error instanceof StockUnavailableError)) throw error;
      const reason = error.code === 'out_of_stock' ? 'OutOfStock' : 'Unavailable';
      deps.metrics?.count('CheckoutConflicts');
      deps.metrics?.count('CheckoutConflicts', { reason });
      return fail(
        deps,
        current,
        owner,
        { code: error.code, detail: error.detail, errors: error.errors },
        false,
      );
    }
    const total = sum(lines);
    if (!total) {
      return fail(
        deps,
        current,
        owner,
        { code: 'mixed_currency', detail: 'The products are priced in different currencies.' },
        true,
      );
    }
    current = await changed(deps, current, { set: { items: lines, total, reserved: true }, expect });
    await deps.checkpoint?.('reserved', current.id);
  }
  if (!current.chargeAttempted)
    current = await changed(deps, current, { set: { chargeAttempted: true }, expect });
  let result: ChargeResult;
  lost.throwIfAborted();
  try {
    result = await deps.payments.charge({
      amount: current.total.amount,
      currency: current.total.currency,
      paymentMethodId: current.paymentMethodId,
      idempotencyKey: current.id,
      description: `ShopEasy order ${current.id}`,
    });
  } catch (error) {
    if (error instanceof PaymentProviderUnavailableError)
      throw dependencyUnavailable('payment provider', error);
    throw error;
  }
  await deps.checkpoint?.('charged', current.id);
  deps.metrics?.count('PaymentAttempts');
  return record(deps, current, owner, result);
}

async function record(deps: DomainDeps, order: Order, owner: string, result: ChargeResult): Promise<Order> {
  const provider = deps.payments.name;
  const expect = { status: ['pending_payment'] as const, leaseOwner: owner };
  const updated =
    result.status === 'succeeded'
      ? await deps.orders.update(order.id, {
          set: { status: 'paid', payment: { provider, status: 'captured', reference: result.reference } },
          effects: newEffects({
            confirmStock: true,
            markPurchases: true,
            events: paidEvents({
              ...order,
              payment: { provider, status: 'captured', reference: result.reference },
            }),
          }),
          expect,
        })
      : await deps.orders.update(order.id, {
          set: {
            status: 'payment_failed',
            payment: {
              provider,
              status: 'declined',
              reference: result.reference,
              declineCode: result.declineCode ?? 'generic_decline',
            },
          },
          effects: newEffects({ releaseStock: true }),
          expect,
        });
  if (updated) {
    countOutcome(deps, result);
    await deps.checkpoint?.('recorded', updated.id);
    return updated;
  }
  // The lease was lost (this holder stalled longer than a lease): whoever took over decides.
  const now = await deps.orders.get(order.id);
  if (result.status === 'succeeded' && now && now.status !== 'paid' && now.status !== 'pending_payment') {
    await deps.payments.refund({ reference: result.reference, idempotencyKey: `refund_${order.id}` });
  }
  throw new CheckoutInProgressError();
}

// Counted once, where the outcome is recorded: a retry or a recovery replays it without counting.
function countOutcome(deps: DomainDeps, result: ChargeResult): void {
  if (result.status === 'succeeded') {
    deps.metrics?.count('OrdersPlaced');
    return;
  }
  deps.metrics?.count('PaymentsDeclined');
  deps.metrics?.count('PaymentsDeclined', { declineCode: result.declineCode ?? 'generic_decline' });
}

async function fail(
  deps: DomainDeps,
  order: Order,
  owner: string,
  failure: CheckoutFailure,
  releaseStock: boolean,
) {
  return changed(deps, order, {
    set: { status: 'cancelled', failure },
    effects: releaseStock ? newEffects({ releaseStock: true }) : null,
    expect: { status: ['pending_payment'], leaseOwner: owner },
  });
}

async function changed(
  deps: DomainDeps,
  order: Order,
  change: Parameters<DomainDeps['orders']['update']>[1],
) {
  const updated = await deps.orders.update(order.id, change);
  if (!updated) throw new CheckoutInProgressError();
  return updated;
}

async function findCharge(deps: DomainDeps, orderId: string) {
  try {
    return await deps.payments.findCharge?.(orderId);
  } catch (error) {
    throw dependencyUnavailable('payment provider', error);
  }
}

/** The order total, or undefined when the lines are in different currencies. */
export function sum(lines: OrderLine[]): Money | undefined {
  const currency = lines[0]?.unitPrice.currency;
  if (!currency || lines.some((l) => l.unitPrice.currency !== currency)) return undefined;
  return { amount: lines.reduce((total, line) => total + line.lineTotal.amount, 0), currency };
}
