import { PeerUnavailableError } from '@shopeasy/service-kit/calls';
import { startHeartbeat } from '../lease.js';
import type { Caller, CheckoutRequest, Order, StoredResponse } from '../model.js';
import type { DomainDeps } from '../ports.js';
import { clearCart, clearCartOnReplay } from './clear-cart.js';
import { recordCharge } from './record.js';
import { reserveAndCharge, type RunMode } from './reserve-and-charge.js';
import { checkoutResponse, replayAnswer } from './response.js';
import { settle } from './settle.js';
import { startOrResume } from './start-or-resume.js';

/**
 * Checks out the caller's cart under an Idempotency-Key: start the checkout of a new key (or
 * resume the unfinished one of a known key), then finish it. A key already answered gets its
 * stored answer again.
 */
export async function checkout(
  deps: DomainDeps,
  caller: Caller,
  key: string,
  request: CheckoutRequest,
): Promise<StoredResponse> {
  const started = await startOrResume(deps, caller, key, request);
  if (started.kind === 'answered') {
    const answer = await replayAnswer(deps, started.record);
    await clearCartOnReplay(deps, started.record.orderId, answer, caller.token);
    return answer;
  }
  return finishCheckout(deps, started.order, started.owner, 'request', caller.token);
}

/**
 * Takes a checkout from wherever its recorded state says it is to its end, while holding the
 * order's lease: reserve stock and charge, record the result, settle, clear the cart, answer.
 * Each step is idempotent at its far end (reservationId = order id, charge key = order id), so
 * repeating a step that already happened before a crash changes nothing.
 */
export async function finishCheckout(
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
      order.status === 'pending_payment' ? await pay(deps, order, owner, mode, heartbeat.signal) : order;
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

// Paid, declined or cancelled: the order as recorded once reserving and charging are over.
async function pay(
  deps: DomainDeps,
  order: Order,
  owner: string,
  mode: RunMode,
  lost: AbortSignal,
): Promise<Order> {
  const outcome = await reserveAndCharge(deps, order, owner, mode, lost);
  return outcome.kind === 'charged'
    ? recordCharge(deps, outcome.order, owner, outcome.charge)
    : outcome.order;
}
