import { randomUUID } from 'node:crypto';
import { runCancellable } from '@shopeasy/service-kit/context';
import { CheckoutInProgressError } from './errors.js';
import type { Lease, Order } from './model.js';
import type { DomainDeps } from './ports.js';

/** A fresh owner token: one per attempt to work on an order, never shared between attempts. */
export function newLeaseOwner(): string {
  return `lease_${randomUUID()}`;
}

export function leaseFor(owner: string, leaseMs: number, now: number): Lease {
  return { owner, until: now + leaseMs };
}

/** Someone holds the order's lease and has renewed it recently enough. */
export function leaseActive(order: Order, now: number): boolean {
  return order.lease !== undefined && order.lease.until > now;
}

export interface Heartbeat {
  /** Aborts (reason: `CheckoutInProgressError`) once the lease was lost to another worker. */
  readonly signal: AbortSignal;
  stop(): void;
}

/**
 * Renews the lease every third of its length while the holder works, one renewal at a time, so
 * a live holder keeps it and a dead one (killed process) loses it within one lease length. A
 * renewal that fails is tried again sooner, and logged once per run of failures; a lease found
 * taken over ends the heartbeat and aborts its signal, logged once.
 */
export function startHeartbeat(deps: DomainDeps, orderId: string, owner: string): Heartbeat {
  const { leaseMs } = deps.settings;
  const every = Math.max(Math.floor(leaseMs / 3), 50);
  const lost = new AbortController();
  let stopped = false;
  let failing = false;
  let timer: NodeJS.Timeout;
  const beat = async () => {
    try {
      // A renewal that hangs must not hold up the next one.
      const held = await runCancellable(AbortSignal.timeout(every), () =>
        deps.orders.renewLease(orderId, leaseFor(owner, leaseMs, deps.now())),
      );
      if (stopped) return;
      if (!held) {
        deps.logger.warn({ orderId }, 'lease on the order was lost; another worker took over');
        return lost.abort(new CheckoutInProgressError());
      }
      failing = false;
    } catch (error) {
      if (!failing) deps.logger.warn({ err: error, orderId }, 'lease renewal failed; retrying');
      failing = true;
    }
    if (!stopped) schedule(failing ? every / 2 : every);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => void beat(), ms);
    timer.unref();
  };
  schedule(every);
  return {
    signal: lost.signal,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
