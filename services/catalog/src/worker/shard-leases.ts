import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { LeaseStore } from '../domain/inventory-ports.js';

export interface ShardLeasesDeps {
  store: LeaseStore;
  streamName: string;
  /** This process: a random id, so a restarted task is a new owner. */
  owner: string;
  /** Epoch milliseconds; injected so tests move time instead of waiting. */
  clock: () => number;
  /** How long a lease lasts without renewal. */
  leaseMs: number;
  logger: Logger;
}

export interface ShardLeases {
  /** True while this process holds the shard's lease by the clock: only then is it read. */
  holds(shardId: string): boolean;
  held(): string[];
  /** Takes a free or expired lease (first come); false when another owner holds it. */
  claim(shardId: string): Promise<boolean>;
  /**
   * Renews each lease with less than half of its time left (so a write every leaseMs / 2, not
   * one per poll); returns the shards lost: taken by another owner, or expired unrenewed.
   */
  renew(): Promise<string[]>;
  /** Frees a lease (a shard read to its end), or every lease held (after the last checkpoint). */
  release(shardIds?: string[]): Promise<void>;
}

export function createShardLeases(deps: ShardLeasesDeps): ShardLeases {
  const { store, streamName, owner, clock, leaseMs, logger } = deps;
  const expiries = new Map<string, number>();

  async function claim(shardId: string): Promise<boolean> {
    const now = clock();
    const expiresAt = now + leaseMs;
    if (await store.claimLease(streamName, shardId, owner, now, expiresAt)) {
      expiries.set(shardId, expiresAt);
      return true;
    }
    expiries.delete(shardId);
    return false;
  }

  return {
    holds: (shardId) => clock() < (expiries.get(shardId) ?? Number.NEGATIVE_INFINITY),
    held: () => [...expiries.keys()],
    claim,

    async renew() {
      const lost: string[] = [];
      for (const [shardId, expiresAt] of [...expiries]) {
        if (expiresAt - clock() >= leaseMs / 2) continue;
        try {
          if (!(await claim(shardId))) lost.push(shardId);
        } catch (error) {
          logger.warn({ err: error, shardId, stream: streamName }, 'inventory lease not renewed');
          if (clock() >= expiresAt) {
            expiries.delete(shardId);
            lost.push(shardId);
          }
        }
      }
      if (lost.length > 0) logger.info({ stream: streamName, shards: lost }, 'inventory leases lost');
      return lost;
    },

    async release(shardIds = [...expiries.keys()]) {
      const shards = shardIds.filter((shardId) => expiries.delete(shardId));
      await Promise.all(
        shards.map((shardId) =>
          store.releaseLease(streamName, shardId, owner).catch((error: unknown) => {
            // It expires by itself; the next owner only waits longer.
            logger.warn({ err: error, shardId, stream: streamName }, 'inventory lease not released');
          }),
        ),
      );
    },
  };
}
