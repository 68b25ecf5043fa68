import { randomUUID } from 'node:crypto';
import type { KinesisClient, Shard } from '@aws-sdk/client-kinesis';
import { type Logger, type ServiceMetrics, untraced } from '@shopeasy/service-kit/telemetry';
import type { CheckpointStore, InventoryStore, LeaseStore } from '../domain/inventory-ports.js';
import { createBatchHandler, type InventoryConsumerStats } from './inventory-batch.js';
import { createPause } from './pause.js';
import { createShardLeases } from './shard-leases.js';
import { listShards, shardsToStart } from './shard-list.js';
import { createShardReader, type ShardReader } from './shard-reader.js';

export type { InventoryConsumerStats } from './inventory-batch.js';

export interface InventoryConsumerDeps {
  kinesis: KinesisClient;
  streamName: string;
  store: Pick<InventoryStore, 'applyCartChanges'> & CheckpointStore & LeaseStore;
  logger: Logger;
  /** Pause between polls when a round found nothing new. */
  pollIntervalMs: number;
  batchSize: number;
  /** How often the shard list is read again (reshards); default one minute. */
  shardRefreshMs?: number;
  /** How long a shard's lease lasts unrenewed; default 30 s (renewed with half of it left). */
  leaseMs?: number;
  /** Epoch milliseconds for leases (expiry, renewal, claims); default Date.now. */
  clock?: () => number;
  /** `StreamLag` (consumer=inventory): how long each record waited on the stream. */
  metrics?: Pick<ServiceMetrics, 'duration'>;
}

export interface RunningConsumer<S> {
  /** Stops polling after the batch in hand is applied and checkpointed; resolves when idle. */
  stop(): Promise<void>;
  stats(): S;
}

export interface RunningInventoryConsumer extends RunningConsumer<InventoryConsumerStats> {
  /** The shards this consumer holds the lease of, and so reads. */
  shards(): string[];
}

/**
 * Kinesis allows five GetRecords per second per shard, across all readers: with one reader per
 * shard (the lease) and at least this pause after each round, a shard sees at most two.
 */
const BUSY_PAUSE_MS = 500;

/**
 * Reads the shards of the inventory stream whose lease it holds (ListShards, again every
 * minute, so reshards are followed; a child shard waits until its parents are read to the end)
 * and applies each cart change once. Leases are first come: a free or expired lease goes to the
 * first task that asks (every third of a lease); a task's work per shard is a few writes a
 * second, so any spread of shards over tasks serves. Held shards are polled in one round; an
 * idle round waits `pollIntervalMs`, a busy one `BUSY_PAUSE_MS`.
 */
export function startInventoryConsumer(deps: InventoryConsumerDeps): RunningInventoryConsumer {
  const { kinesis, streamName, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const leaseMs = deps.leaseMs ?? 30_000;
  const stats: InventoryConsumerStats = {
    records: 0,
    applied: 0,
    duplicate: 0,
    'unknown-product': 0,
    ignored: 0,
    malformed: 0,
    writes: 0,
  };
  const handleBatch = createBatchHandler({ store: deps.store, logger, stats, metrics: deps.metrics });
  const leases = createShardLeases({
    store: deps.store,
    streamName,
    owner: randomUUID(),
    clock,
    leaseMs,
    logger,
  });
  const readers = new Map<string, ShardReader>();
  const finished = new Set<string>();
  const pause = createPause();
  let shards: Shard[] = [];
  let stopping = false;
  let refreshedAt = Number.NEGATIVE_INFINITY;
  let claimedAt = Number.NEGATIVE_INFINITY;

  async function claimShards(): Promise<void> {
    if (Date.now() - refreshedAt >= (deps.shardRefreshMs ?? 60_000)) {
      shards = await listShards(kinesis, streamName);
      refreshedAt = Date.now();
    }
    for (const id of shardsToStart(shards, new Set(readers.keys()), finished)) {
      if (stopping || !(await leases.claim(id))) continue;
      readers.set(
        id,
        createShardReader(
          { kinesis, streamName, checkpoints: deps.store, batchSize: deps.batchSize, handleBatch },
          id,
        ),
      );
      logger.info({ stream: streamName, shardId: id }, 'inventory shard taken');
    }
    claimedAt = clock();
  }

  async function pollShard(reader: ShardReader): Promise<number> {
    // A lease that ran out unrenewed is no longer ours: not one more read.
    if (!leases.holds(reader.shardId)) return 0;
    try {
      return await reader.poll();
    } catch (error) {
      logger.error(
        { err: error, shardId: reader.shardId, stream: streamName },
        'inventory shard read failed; retrying',
      );
      return 0;
    } finally {
      if (reader.finished) {
        readers.delete(reader.shardId);
        finished.add(reader.shardId);
        await leases.release([reader.shardId]);
        claimedAt = refreshedAt = Number.NEGATIVE_INFINITY; // its children may start now
      }
    }
  }

  // Polls make no spans (an idle stream would fill the trace viewer); each product write does.
  const loop = untraced(async () => {
    logger.info({ stream: streamName }, 'inventory consumer started');
    while (!stopping) {
      let read = 0;
      try {
        for (const lost of await leases.renew()) readers.delete(lost);
        if (clock() - claimedAt >= leaseMs / 3) await claimShards();
        const counts = await Promise.all([...readers.values()].map(pollShard));
        read = counts.reduce((a, b) => a + b, 0);
      } catch (error) {
        logger.error({ err: error, stream: streamName }, 'inventory shards could not be listed or leased');
      }
      await pause.wait(read > 0 ? Math.min(BUSY_PAUSE_MS, deps.pollIntervalMs) : deps.pollIntervalMs);
    }
    // After the last batch is checkpointed: the next owner starts where this one stopped.
    await leases.release();
    logger.info({ stream: streamName, ...stats }, 'inventory consumer stopped');
  });

  return {
    async stop() {
      stopping = true;
      pause.wake();
      await loop;
    },
    stats: () => ({ ...stats }),
    shards: () => [...readers.keys()].filter((id) => leases.holds(id)),
  };
}
