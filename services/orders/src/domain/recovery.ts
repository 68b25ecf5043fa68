import { runCheckout } from './checkout-run.js';
import { leaseActive, leaseFor, newLeaseOwner } from './lease.js';
import type { DomainDeps } from './ports.js';
import { settle } from './settle.js';

export interface RecoverySettings {
  /** How often the sweeper looks for unfinished orders. */
  intervalMs: number;
  /** Only work older than this is touched, so live requests finish undisturbed. */
  staleMs: number;
}

export interface Sweeper {
  /** One pass; resolves with the number of orders it finished. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Finishes orders whose work was left open by a process that died: checkouts still pending
 * payment are resumed (or rolled back when too old) from their recorded steps, and pending
 * effects of paid, cancelled or shipped orders are carried out.
 */
export async function recoverOpenWork(deps: DomainDeps, staleMs: number): Promise<number> {
  let finished = 0;
  for (const orderId of await deps.orders.listOpenWork(Date.now() - staleMs)) {
    try {
      if (await recoverOrder(deps, orderId)) finished += 1;
    } catch (error) {
      deps.logger.warn(
        { err: error, orderId },
        'recovery of the order failed; it is retried on the next pass',
      );
    }
  }
  if (finished > 0) deps.logger.info({ finished }, 'recovered unfinished orders');
  return finished;
}

async function recoverOrder(deps: DomainDeps, orderId: string): Promise<boolean> {
  const order = await deps.orders.get(orderId);
  if (!order) {
    await deps.orders.closeWork(orderId);
    return false;
  }
  if (leaseActive(order)) return false;
  const owner = newLeaseOwner();
  const now = Date.now();
  const held = await deps.orders.acquireLease(orderId, leaseFor(owner, deps.settings.leaseMs, now), now);
  if (!held) return false;
  if (held.status === 'pending_payment' || held.checkoutOpen)
    await runCheckout(deps, held, owner, 'recovery');
  else await settle(deps, held, owner);
  return true;
}

/** Runs a pass now (start-up recovery) and then every interval, one pass at a time. */
export function startSweeper(deps: DomainDeps, settings: RecoverySettings): Sweeper {
  let running: Promise<number> = Promise.resolve(0);
  let stopped = false;
  const pass = () => {
    running = running
      .then(() => (stopped ? 0 : recoverOpenWork(deps, settings.staleMs)))
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'recovery pass failed');
        return 0;
      });
    return running;
  };
  void pass();
  const timer = setInterval(() => void pass(), settings.intervalMs);
  timer.unref();
  return {
    runOnce: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
