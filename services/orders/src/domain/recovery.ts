import { type PeriodicJob, startPeriodic } from '@shopeasy/service-kit/jobs';
import { finishCheckout } from './checkout/checkout.js';
import { expireIfDue } from './checkout/action-expiry.js';
import { settle } from './checkout/settle.js';
import { CheckoutInProgressError } from './errors.js';
import { leaseActive, leaseFor, newLeaseOwner } from './lease.js';
import type { DomainDeps } from './ports.js';
import { RecoveryBackoff } from './recovery-backoff.js';

export interface RecoverySettings {
  /** How often the sweeper looks for unfinished orders. */
  intervalMs: number;
  /**
   * Only work older than this, whose lease ran out at least this long ago, is touched: live
   * requests finish undisturbed, even when their lease renewals fail for a moment.
   */
  staleMs: number;
}

/** `runOnce()` resolves with the number of orders the pass finished. */
export type Sweeper = PeriodicJob;

/**
 * Finishes orders whose work was left open by a process that died: checkouts still pending
 * payment are resumed (or rolled back when too old) from their recorded steps, and pending
 * effects of paid, cancelled or shipped orders are carried out. An order whose recovery failed
 * is left alone for a while (`backoff`) instead of being tried again on every pass.
 */
export async function recoverOpenWork(
  deps: DomainDeps,
  staleMs: number,
  backoff: RecoveryBackoff,
): Promise<number> {
  let finished = 0;
  const open = await deps.orders.listOpenWork(deps.now() - staleMs);
  backoff.retain(new Set(open));
  for (const orderId of open.filter((id) => backoff.due(id, deps.now()))) {
    try {
      if (await recoverOrder(deps, orderId, staleMs)) finished += 1;
      backoff.succeeded(orderId);
    } catch (error) {
      // Taken over meanwhile (a client's retry): its holder finishes it.
      if (error instanceof CheckoutInProgressError) continue;
      const retryInMs = backoff.failed(orderId, deps.now());
      deps.logger.warn(
        { err: error, orderId, retryInMs },
        'recovery of the order failed; it is tried again later',
      );
    }
  }
  if (finished > 0) deps.logger.info({ finished }, 'recovered unfinished orders');
  return finished;
}

async function recoverOrder(deps: DomainDeps, orderId: string, staleMs: number): Promise<boolean> {
  const order = await deps.orders.get(orderId);
  if (!order) {
    await deps.orders.closeWork(orderId);
    return false;
  }
  const now = deps.now();
  // A lease that ran out only just now may be a live holder's whose renewals failed for a moment.
  const expiredBy = now - staleMs;
  if (leaseActive(order, expiredBy)) return false;
  const owner = newLeaseOwner();
  const held = await deps.orders.acquireLease(
    orderId,
    leaseFor(owner, deps.settings.leaseMs, now),
    expiredBy,
  );
  if (!held) return false;
  if (held.status === 'pending_payment' || held.checkoutOpen)
    await finishCheckout(deps, held, owner, 'recovery');
  else if (held.status === 'awaiting_payment_action' && !held.effects) return expireIfDue(deps, held, owner);
  else await settle(deps, held, owner);
  return true;
}

/** Runs a pass now (start-up recovery) and then every interval, one pass at a time. */
export function startSweeper(deps: DomainDeps, settings: RecoverySettings): Sweeper {
  const backoff = new RecoveryBackoff(settings.intervalMs);
  return startPeriodic(() => recoverOpenWork(deps, settings.staleMs, backoff), {
    intervalMs: settings.intervalMs,
    logger: deps.logger,
    failure: 'recovery pass failed',
    runAtStart: true,
  });
}
