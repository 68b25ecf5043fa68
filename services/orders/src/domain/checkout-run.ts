import { PeerUnavailableError } from '@shopeasy/service-kit/calls';
import { checkoutResponse } from './checkout-response.js';
import { advance, type RunMode } from './checkout-steps.js';
import { startHeartbeat } from './lease.js';
import type { Order, StoredResponse } from './model.js';
import type { DomainDeps } from './ports.js';
import { settle } from './settle.js';

export type { RunMode } from './checkout-steps.js';

/**
 * Takes a checkout from wherever its recorded state says it is to its end, while holding the
 * order's lease: reserve stock, charge, record the result, settle. Each step is idempotent at
 * its far end (reservationId = order id, charge key = order id), so repeating a step that
 * already happened before a crash changes nothing.
 */
export async function runCheckout(
  deps: DomainDeps,
  order: Order,
  owner: string,
  mode: RunMode,
  token?: string,
): Promise<StoredResponse> {
  const heartbeat = startHeartbeat(deps, order.id, owner);
  let settled: Order;
  try {
    const decided =
      order.status === 'pending_payment' ? await advance(deps, order, owner, mode, heartbeat.signal) : order;
    settled = await settle(deps, decided, owner);
  } catch (error) {
    // The lease was lost: whoever took the order over decides; this run only says "in progress".
    if (heartbeat.signal.aborted) throw heartbeat.signal.reason;
    // A dependency that did not answer: this process is alive, so a retry may take over at once.
    if (error instanceof PeerUnavailableError)
      await deps.orders.releaseLease(order.id, owner).catch(() => undefined);
    throw error;
  } finally {
    heartbeat.stop();
  }
  if (token && settled.status === 'paid') await clearCart(deps, settled, token);
  return checkoutResponse(settled);
}

/** Empties the caller's cart once after a paid checkout; best effort. */
export async function clearCart(deps: DomainDeps, order: Order, token: string): Promise<void> {
  if (order.cartCleared) return;
  try {
    await deps.cart.clearCart(token);
    await deps.orders.update(order.id, { set: { cartCleared: true }, expect: {} });
  } catch (error) {
    // Best effort: the order is paid either way; the cart expires on its own.
    deps.logger.warn({ err: error, orderId: order.id }, 'could not clear the cart after checkout');
  }
}
