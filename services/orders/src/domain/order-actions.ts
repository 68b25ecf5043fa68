import { settle } from './checkout/settle.js';
import { CheckoutInProgressError, InvalidTransitionError, OrderNotFoundError } from './errors.js';
import { leaseActive, leaseFor, newLeaseOwner } from './lease.js';
import { abandonedPayment, newEffects, type Caller, type Order } from './model.js';
import { cancelledEvent, shippedEvent } from './order-events.js';
import type { DomainDeps, OrderChange } from './ports.js';
import { canTransition } from './state-machine.js';

/** The order if the caller may see it: its owner or an admin. Anyone else gets a 404. */
export async function visibleOrder(deps: DomainDeps, caller: Caller, orderId: string): Promise<Order> {
  const order = await deps.orders.get(orderId);
  if (!order || (caller.role !== 'admin' && order.userId !== caller.userId))
    throw new OrderNotFoundError(orderId);
  return order;
}

/**
 * Cancels an order that has not shipped: a paid order is refunded, its stock released and
 * order.cancelled published; a checkout that stalled before payment is rolled back. The status
 * change is conditional, so a concurrent ship and cancel cannot both win.
 */
export async function cancelOrder(deps: DomainDeps, caller: Caller, orderId: string): Promise<Order> {
  let order = await visibleOrder(deps, caller, orderId);
  if (order.status === 'cancelled') return order.effects ? settle(deps, order) : order;
  if (order.status === 'pending_payment') return cancelPending(deps, order);
  if (!canTransition(order.status, 'cancelled'))
    throw new InvalidTransitionError(order.id, order.status, 'cancelled');
  if (order.effects) order = await settle(deps, order);
  // Nothing was taken yet: the waiting payment is cancelled (refunded, had it just gone through).
  if (order.status === 'awaiting_payment_action')
    return transition(deps, order, 'cancelled', {
      set: {
        status: 'cancelled',
        failure: { code: 'cancelled', detail: 'The order was cancelled before its payment completed.' },
        payment: abandonedPayment(order.payment, 'canceled'),
      },
      effects: newEffects({ cancelPayment: true, releaseStock: true }),
      expect: { status: ['awaiting_payment_action'], noEffects: true },
    });
  return transition(deps, order, 'cancelled', {
    set: { status: 'cancelled' },
    effects: newEffects({
      refund: true,
      releaseStock: true,
      unmarkPurchases: true,
      events: [cancelledEvent(order, true)],
    }),
    expect: { status: ['paid'], noEffects: true },
  });
}

/** Marks a paid order shipped and publishes order.shipped (admins; the contract checks the role). */
export async function shipOrder(deps: DomainDeps, caller: Caller, orderId: string): Promise<Order> {
  let order = await visibleOrder(deps, caller, orderId);
  if (order.status === 'shipped') return order.effects ? settle(deps, order) : order;
  if (!canTransition(order.status, 'shipped'))
    throw new InvalidTransitionError(order.id, order.status, 'shipped');
  if (order.effects) order = await settle(deps, order);
  return transition(deps, order, 'shipped', {
    set: { status: 'shipped' },
    effects: newEffects({ events: [shippedEvent(order)] }),
    expect: { status: ['paid'], noEffects: true },
  });
}

async function transition(deps: DomainDeps, order: Order, to: 'cancelled' | 'shipped', change: OrderChange) {
  // Marked first: if this process dies after the change, recovery finds the effects to finish.
  await deps.orders.openWork(order.id, deps.now());
  const updated = await deps.orders.update(order.id, change);
  if (updated) return settle(deps, updated);
  // Another change won; its marker stays until it settles (or recovery tidies it up).
  const now = (await deps.orders.get(order.id)) ?? order;
  if (now.status === to) return now;
  throw new InvalidTransitionError(order.id, now.status, to);
}

// A checkout that is not running any more (its lease ran out) is rolled back: a charge that may
// have gone through is refunded and the reservation released.
async function cancelPending(deps: DomainDeps, order: Order): Promise<Order> {
  const now = deps.now();
  if (leaseActive(order, now)) throw new CheckoutInProgressError();
  const owner = newLeaseOwner();
  const held = await deps.orders.acquireLease(order.id, leaseFor(owner, deps.settings.leaseMs, now), now);
  if (!held) throw new CheckoutInProgressError();
  const updated = await deps.orders.update(order.id, {
    set: {
      status: 'cancelled',
      failure: { code: 'cancelled', detail: 'The order was cancelled before its payment completed.' },
    },
    effects: newEffects({ refund: held.chargeAttempted, releaseStock: true }),
    expect: { status: ['pending_payment'], leaseOwner: owner },
  });
  if (!updated) throw new CheckoutInProgressError();
  return settle(deps, updated, owner);
}
