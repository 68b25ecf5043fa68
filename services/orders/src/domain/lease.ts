import { randomUUID } from 'node:crypto';
import type { Lease, Order } from './model.js';
import type { DomainDeps } from './ports.js';

/** A fresh owner token: one per attempt to advance an order, never shared between attempts. */
export function newLeaseOwner(): string {
  return `lease_${randomUUID()}`;
}

export function leaseFor(owner: string, leaseMs: number, now = Date.now()): Lease {
  return { owner, until: now + leaseMs };
}

/** Someone holds the order's lease and has renewed it recently enough. */
export function leaseActive(order: Order, now = Date.now()): boolean {
  return order.lease !== undefined && order.lease.until > now;
}

export interface Heartbeat {
  stop(): void;
}

/**
 * Renews the lease every third of its length while the holder works, so a live holder never
 * loses it and a dead one (killed process) loses it within one lease length.
 */
export function startHeartbeat(deps: DomainDeps, orderId: string, owner: string): Heartbeat {
  const { leaseMs } = deps.settings;
  const timer = setInterval(
    () => {
      deps.orders.renewLease(orderId, leaseFor(owner, leaseMs)).then(
        (held) => {
          if (!held) deps.logger.warn({ orderId }, 'lease on the order was lost; another worker took over');
        },
        (error: unknown) => deps.logger.warn({ err: error, orderId }, 'lease renewal failed'),
      );
    },
    Math.max(Math.floor(leaseMs / 3), 50),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
