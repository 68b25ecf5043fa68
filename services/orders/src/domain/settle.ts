import { randomUUID } from 'node:crypto';
import { checkoutResponse } from './checkout-response.js';
import { dependencyUnavailable } from './errors.js';
import type { Order, PendingEffects } from './model.js';
import { PaymentProviderUnavailableError } from './payment-provider.js';
import type { DomainDeps } from './ports.js';

/** Effects to write with a state change; the id lets clearing them never clear newer ones. */
export const newEffects = (effects: Omit<PendingEffects, 'id'>): PendingEffects => ({
  id: randomUUID(),
  ...effects,
});

/**
 * Finishes what a state change left to do: carries out its pending effects, stores the
 * checkout's answer (lease holder only), removes the open-work marker and gives the lease back.
 * Every part is idempotent, so running it again after a crash, or twice at once, is harmless.
 */
export async function settle(deps: DomainDeps, order: Order, owner?: string): Promise<Order> {
  let current = order.effects ? await runEffects(deps, order) : order;
  if (current.checkoutOpen && owner) {
    await deps.idempotency.complete(current.userId, current.idempotencyKey, checkoutResponse(current));
    current = (await deps.orders.update(current.id, { set: { checkoutOpen: false }, expect: {} })) ?? current;
  }
  await deps.checkpoint?.('settled', current.id);
  if (!current.checkoutOpen) await deps.orders.closeWork(current.id);
  if (owner) await deps.orders.releaseLease(current.id, owner);
  return current;
}

async function runEffects(deps: DomainDeps, order: Order): Promise<Order> {
  const effects = order.effects!;
  let current = order;
  if (effects.refund) current = await refund(deps, current);
  if (effects.releaseStock) await deps.catalog.release(order.id);
  if (effects.confirmStock) await deps.catalog.confirm(order.id);
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
  try {
    let reference = order.payment.status === 'captured' ? order.payment.reference : undefined;
    if (!reference && order.chargeAttempted) {
      const found = await deps.payments.findCharge?.(order.id);
      reference = found?.status === 'succeeded' ? found.reference : undefined;
    }
    if (!reference) return order;
    await deps.payments.refund({ reference, idempotencyKey: `refund_${order.id}` });
    const payment = { ...order.payment, reference, status: 'refunded' as const };
    return (await deps.orders.update(order.id, { set: { payment }, expect: {} })) ?? { ...order, payment };
  } catch (error) {
    if (error instanceof PaymentProviderUnavailableError)
      throw dependencyUnavailable('payment provider', error);
    throw error;
  }
}
