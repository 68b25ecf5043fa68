import { ServiceUnavailableError } from '@shopeasy/service-kit/errors';
import { settle } from './checkout/settle.js';
import type { Order } from './model.js';
import { changeFor, type PaymentEvent } from './payment-event-changes.js';
import type { DomainDeps } from './ports.js';

export { PaymentNotRecordedError, type PaymentEvent } from './payment-event-changes.js';

/** Applied (the order changed), a repeated delivery, or acknowledged without a change (logged). */
export type PaymentEventOutcome = 'applied' | 'duplicate' | 'ignored';

/** Another delivery of the same event is being applied: the provider delivers it again later. */
export class PaymentEventInProgressError extends ServiceUnavailableError {
  constructor() {
    super('This event is being applied by another delivery; retry later.', 60);
  }
}

/**
 * Applies a provider event to the order its payment belongs to, once per event id, whatever the
 * order of deliveries: an event that would take an order back (a success after its refund) or
 * that the order already reflects changes nothing. Unknown payments and amounts that do not match
 * the order are acknowledged and logged, never retried.
 */
export async function applyPaymentEvent(deps: DomainDeps, event: PaymentEvent): Promise<PaymentEventOutcome> {
  const log = deps.logger.child({ eventId: event.id, eventType: event.type, reference: event.reference });
  const orderId = await deps.ledger.orderOf(event.reference);
  const order = orderId ? await deps.orders.get(orderId) : undefined;
  if (!order) return ignored(deps, log, 'payment event for no known order');
  if (order.total.amount !== event.amount || order.total.currency !== event.currency) {
    log.error(
      { orderId: order.id, amount: event.amount, currency: event.currency },
      'payment event amount does not match the order',
    );
    return ignored(deps, log, 'payment event amount mismatch', 'error');
  }
  if (!changeFor(deps, order, event))
    return ignored(deps, log, 'payment event changes nothing', 'info', order);
  const claim = await deps.ledger.claimEvent(event.id, deps.now());
  if (claim === 'applied') return 'duplicate';
  // Not acknowledged: were the holder to die, its claim lapses and this delivery's retry applies it.
  if (claim === 'busy') throw new PaymentEventInProgressError();
  try {
    // Marked first: if this process dies after the change, recovery finds its effects.
    await deps.orders.openWork(order.id, deps.now());
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const read = attempt === 0 ? order : await deps.orders.get(order.id);
      // Effects still pending from an earlier change are carried out first.
      const current = read?.effects ? await settle(deps, read) : read;
      const change = current && changeFor(deps, current, event);
      if (!change) {
        await deps.ledger.completeEvent(event.id);
        return ignored(deps, log, 'payment event changes nothing', 'info', current);
      }
      const updated = await deps.orders.update(order.id, change);
      if (!updated) continue;
      log.info({ orderId: order.id, status: updated.status }, 'payment event applied');
      deps.metrics?.count('PaymentEvents', { outcome: 'applied' });
      if (event.kind === 'disputed') deps.metrics?.count('PaymentDisputes');
      if (current.status === 'awaiting_payment_action') countDecision(deps, updated.status);
      await settle(deps, updated);
      await deps.ledger.completeEvent(event.id);
      return 'applied';
    }
    throw new Error(`Order ${order.id} kept changing while event ${event.id} was applied`);
  } catch (error) {
    await deps.ledger.releaseEvent(event.id).catch(() => undefined);
    throw error;
  }
}
// A payment decided after the customer's action counts as the checkout's own outcome would.
function countDecision(deps: DomainDeps, status: Order['status']): void {
  if (status === 'paid') deps.metrics?.count('OrdersPlaced');
  if (status === 'payment_failed') deps.metrics?.count('PaymentsDeclined');
}
function ignored(
  deps: DomainDeps,
  log: DomainDeps['logger'],
  message: string,
  level: 'warn' | 'info' | 'error' = 'warn',
  order?: Order,
): PaymentEventOutcome {
  if (level !== 'error') log[level]({ orderId: order?.id, status: order?.status }, message);
  deps.metrics?.count('PaymentEvents', { outcome: 'ignored' });
  return 'ignored';
}
