import type { Order } from '../model.js';
import type { DomainDeps } from '../ports.js';
import { cancelForLapsedHold } from './lapsed-hold.js';
import { askProvider } from './payment-calls.js';
import { checkoutResponse } from './response.js';

/**
 * Finishes what a state change left to do: carries out its pending effects, stores the
 * checkout's answer (lease holder only), removes the open-work marker and gives the lease back.
 * Every part is idempotent, so running it again after a crash, or twice at once, is harmless.
 */
export async function settle(deps: DomainDeps, order: Order, owner?: string): Promise<Order> {
  let current = order;
  // A set of effects may decide another (a lapsed hold cancels a paid order): carried out too.
  for (let round = 0; current.effects && round < 3; round += 1)
    current = await carryOutEffects(deps, current);
  if (current.checkoutOpen && owner) {
    await deps.idempotency.complete(current.userId, current.idempotencyKey, checkoutResponse(current));
    current = (await deps.orders.update(current.id, { set: { checkoutOpen: false }, expect: {} })) ?? current;
  }
  await deps.onCheckoutStep?.('settled', current.id);
  if (!current.checkoutOpen) await keepWorkUntilDecided(deps, current);
  if (owner) await deps.orders.releaseLease(current.id, owner);
  return current;
}

async function carryOutEffects(deps: DomainDeps, order: Order): Promise<Order> {
  const effects = order.effects!;
  let current = order;
  if (effects.cancelPayment) current = await cancelPayment(deps, current);
  if (effects.refund) current = await refund(deps, current);
  if (effects.releaseStock) await deps.catalog.release(order.id);
  if (effects.confirmStock && (await deps.catalog.confirm(order.id)) === 'lapsed')
    return cancelForLapsedHold(deps, order, effects.id);
  const productIds = [...new Set(order.items.map((line) => line.productId))];
  if (effects.markPurchases) await deps.purchases.mark(order.userId, order.id, productIds);
  if (effects.unmarkPurchases) await deps.purchases.unmark(order.userId, order.id, productIds);
  if (effects.events?.length) await deps.events.publish(effects.events);
  // Cleared only if no newer state change replaced these effects meanwhile.
  const cleared = await deps.orders.update(order.id, {
    set: {},
    effects: null,
    expect: { effectsId: effects.id },
  });
  return cleared ?? (await deps.orders.get(order.id)) ?? current;
}

/** Refunds the captured charge once (refund key per order); nothing to do when none was captured. */
async function refund(deps: DomainDeps, order: Order): Promise<Order> {
  if (order.payment.status === 'refunded') return order;
  const reference = await askProvider(() => chargeToRefund(deps, order));
  if (!reference) return order;
  await askProvider(() => deps.payments.refund({ reference, idempotencyKey: `refund_${order.id}` }));
  const payment = { ...order.payment, reference, status: 'refunded' as const };
  return (await deps.orders.update(order.id, { set: { payment }, expect: {} })) ?? { ...order, payment };
}

// A checkout cancelled before its payment was recorded may still have been charged.
async function chargeToRefund(deps: DomainDeps, order: Order): Promise<string | undefined> {
  const captured = order.payment.status === 'captured' ? order.payment.reference : undefined;
  if (captured || !order.chargeAttempted) return captured;
  const found = await deps.payments.findCharge?.(order.id);
  return found?.status === 'succeeded' ? found.reference : undefined;
}

// A payment waiting for the customer's action is the sweeper's work from its deadline on.
async function keepWorkUntilDecided(deps: DomainDeps, order: Order): Promise<void> {
  const deadline = order.payment.actionExpiresAt;
  if (order.status === 'awaiting_payment_action' && deadline)
    await deps.orders.openWork(order.id, Date.parse(deadline));
  else await deps.orders.closeWork(order.id);
}

/** Cancels the payment waiting for an action; one that went through first is refunded. */
async function cancelPayment(deps: DomainDeps, order: Order): Promise<Order> {
  const reference = order.payment.reference;
  if (!reference || order.payment.status === 'refunded') return order;
  if ((await askProvider(() => deps.payments.cancel(reference))) === 'canceled') return order;
  deps.logger.warn(
    { orderId: order.id, reference },
    'payment went through before its cancellation: refunding',
  );
  const captured = { ...order.payment, status: 'captured' as const };
  return refund(deps, { ...order, payment: captured });
}
