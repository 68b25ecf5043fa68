import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { decodeInventoryEvent } from '@shopeasy/events';
import { runWithContext } from '@shopeasy/service-kit/context';
import { inConsumerSpan, type Logger, type ServiceMetrics, untraced } from '@shopeasy/service-kit/telemetry';
import { applyInventoryEvent, type InventoryOutcome } from '../domain/inventory.js';
import type { CheckpointStore, InventoryStore } from '../domain/inventory-ports.js';
import { createPause } from './pause.js';
import { listShards, shardsToStart } from './shard-list.js';
import { createShardReader, type ShardReader } from './shard-reader.js';

export interface InventoryConsumerDeps {
  kinesis: KinesisClient;
  streamName: string;
  store: Pick<InventoryStore, 'addToCarts'> & CheckpointStore;
  logger: Logger;
  /** Pause between polls when a round found nothing new. */
  pollIntervalMs: number;
  batchSize: number;
  /** How often the shard list is read again (reshards); default one minute. */
  shardRefreshMs?: number;
  /** `StreamLag` (consumer=inventory): how long each record waited on the stream. */
  metrics?: Pick<ServiceMetrics, 'duration'>;
}

/** Records read and what became of them, since the consumer started. */
export type InventoryConsumerStats = Record<InventoryOutcome | 'records' | 'malformed', number>;

export interface RunningConsumer<S> {
  /** Stops polling after the batch in hand is applied and checkpointed; resolves when idle. */
  stop(): Promise<void>;
  stats(): S;
}

/** Kinesis allows five reads per second per shard: a busy shard is read at most this often. */
const BUSY_PAUSE_MS = 200;

/**
 * Reads every shard of the inventory stream (ListShards, again every minute, so reshards are
 * followed; a child shard waits until its parents are read to the end) and applies each event
 * once. All shards are polled in one round; an idle round waits `pollIntervalMs`.
 */
export function startInventoryConsumer(deps: InventoryConsumerDeps): RunningConsumer<InventoryConsumerStats> {
  const { kinesis, streamName, logger } = deps;
  const stats: InventoryConsumerStats = {
    records: 0,
    applied: 0,
    duplicate: 0,
    'unknown-product': 0,
    ignored: 0,
    malformed: 0,
  };
  const readers = new Map<string, ShardReader>();
  const finished = new Set<string>();
  const pause = createPause();
  let stopping = false;
  let refreshedAt = Number.NEGATIVE_INFINITY;

  const handle = async (record: {
    Data?: Uint8Array;
    SequenceNumber?: string;
    ApproximateArrivalTimestamp?: Date;
  }) => {
    stats.records++;
    if (record.ApproximateArrivalTimestamp)
      deps.metrics?.duration('StreamLag', Date.now() - record.ApproximateArrivalTimestamp.getTime(), {
        consumer: 'inventory',
      });
    let event;
    try {
      event = decodeInventoryEvent(record.Data ?? new Uint8Array());
    } catch (error) {
      // Retrying cannot make it readable: logged with its position, then passed over.
      stats.malformed++;
      logger.error(
        { err: error, sequenceNumber: record.SequenceNumber },
        'inventory record skipped: not an event',
      );
      return;
    }
    const context = { requestId: event.id, traceId: event.id };
    let outcome;
    try {
      // The cart change or checkout that wrote the event continues its trace here.
      outcome = await inConsumerSpan('process inventory event', event.trace, () =>
        runWithContext(context, () => applyInventoryEvent(deps.store, event, () => new Date().toISOString())),
      );
    } catch (error) {
      // Keys the table refuses (an id too long, say) would block the shard forever: skipped too.
      if ((error as { name?: string }).name !== 'ValidationException') throw error;
      stats.malformed++;
      logger.error({ err: error, eventId: event.id }, 'inventory record skipped: not storable');
      return;
    }
    stats[outcome]++;
    logger.debug(
      { eventId: event.id, type: event.type, productId: event.productId, outcome },
      'inventory event',
    );
  };

  async function refreshShards(): Promise<void> {
    const shards = await listShards(kinesis, streamName);
    for (const id of shardsToStart(shards, new Set(readers.keys()), finished)) {
      const reader = createShardReader(
        { kinesis, streamName, checkpoints: deps.store, batchSize: deps.batchSize, handle },
        id,
      );
      readers.set(id, reader);
    }
    refreshedAt = Date.now();
  }

  async function pollShard(reader: ShardReader): Promise<number> {
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
        refreshedAt = Number.NEGATIVE_INFINITY; // its children may start now
      }
    }
  }

  // Polls make no spans (an idle stream would fill the trace viewer); each record's handling does.
  const loop = untraced(async () => {
    logger.info({ stream: streamName }, 'inventory consumer started');
    while (!stopping) {
      let applied = 0;
      try {
        if (Date.now() - refreshedAt >= (deps.shardRefreshMs ?? 60_000)) await refreshShards();
        const counts = await Promise.all([...readers.values()].map(pollShard));
        applied = counts.reduce((a, b) => a + b, 0);
      } catch (error) {
        logger.error({ err: error, stream: streamName }, 'inventory stream could not be listed');
      }
      await pause.wait(applied > 0 ? Math.min(BUSY_PAUSE_MS, deps.pollIntervalMs) : deps.pollIntervalMs);
    }
    logger.info({ stream: streamName, ...stats }, 'inventory consumer stopped');
  });

  return {
    async stop() {
      stopping = true;
      pause.wake();
      await loop;
    },
    stats: () => ({ ...stats }),
  };
}
