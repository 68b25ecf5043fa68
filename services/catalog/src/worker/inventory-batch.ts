import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { decodeInventoryEvent, type InventoryEvent } from '@shopeasy/events';
import { runWithContext } from '@shopeasy/service-kit/context';
import { inConsumerSpan, type Logger, type ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import { cartChangeOf, type InventoryOutcome } from '../domain/inventory.js';
import type { CartChange, InventoryStore } from '../domain/inventory-ports.js';

/** Records read and what became of them, and product writes made, since the consumer started. */
export type InventoryConsumerStats = Record<InventoryOutcome | 'records' | 'malformed' | 'writes', number>;

export interface BatchHandlerDeps {
  store: Pick<InventoryStore, 'applyCartChanges'>;
  logger: Logger;
  stats: InventoryConsumerStats;
  /** `StreamLag` (consumer=inventory): how long each record waited on the stream. */
  metrics?: Pick<ServiceMetrics, 'duration'> | undefined;
}

/** Product writes in flight at once: a batch of many products is not written one by one. */
const WRITE_CONCURRENCY = 8;
/**
 * Event ids remembered to skip a producer's retried copy of an event (same id, new record);
 * about ten seconds of a busy stream. Re-read records need no memory: positions cover them.
 */
const RECENT_IDS = 50_000;

interface ProductChanges {
  changes: CartChange[];
  last: InventoryEvent;
}

async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Applies a batch of one shard: decodes each record, then writes each product once with the
 * sum of its cart changes. Throws when a write fails, so the batch is not checkpointed and is
 * read again (what was written already is recognised by its position).
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  const { stats, logger } = deps;
  const recent = new Set<string>();

  const decode = (record: KinesisRecord): InventoryEvent | undefined => {
    stats.records++;
    if (record.ApproximateArrivalTimestamp)
      deps.metrics?.duration('StreamLag', Date.now() - record.ApproximateArrivalTimestamp.getTime(), {
        consumer: 'inventory',
      });
    try {
      return decodeInventoryEvent(record.Data ?? new Uint8Array());
    } catch (error) {
      // Retrying cannot make it readable: logged with its position, then passed over.
      stats.malformed++;
      logger.error(
        { err: error, sequenceNumber: record.SequenceNumber },
        'inventory record skipped: not an event',
      );
      return undefined;
    }
  };

  const write = async (shardId: string, productId: string, { changes, last }: ProductChanges) => {
    const context = { requestId: last.id, traceId: last.id };
    let result;
    try {
      stats.writes++;
      // The latest cart change of the batch continues its trace here.
      result = await inConsumerSpan('apply cart changes', last.trace, () =>
        runWithContext(context, () => deps.store.applyCartChanges(shardId, productId, changes)),
      );
    } catch (error) {
      // Keys the table refuses (an id too long, say) would block the shard forever: skipped too.
      if ((error as { name?: string }).name !== 'ValidationException') throw error;
      stats.malformed += changes.length;
      logger.error({ err: error, productId }, 'inventory records skipped: not storable');
      return;
    }
    if (result === 'unknown-product') stats['unknown-product'] += changes.length;
    else {
      stats.applied += result.applied;
      stats.duplicate += result.duplicate;
    }
    logger.debug({ productId, shardId, events: changes.length, result }, 'cart changes applied');
  };

  return async function handleBatch(shardId: string, records: readonly KinesisRecord[]): Promise<void> {
    const byProduct = new Map<string, ProductChanges>();
    const seen = new Set<string>();
    const now = () => new Date().toISOString();
    for (const record of records) {
      const event = decode(record);
      if (!event) continue;
      if (recent.has(event.id) || seen.has(event.id)) {
        stats.duplicate++;
        continue;
      }
      seen.add(event.id);
      const change = cartChangeOf(event, record.SequenceNumber ?? '', now);
      if (!change) {
        stats.ignored++;
        continue;
      }
      const entry = byProduct.get(event.productId);
      if (entry) {
        entry.changes.push(change);
        entry.last = event;
      } else byProduct.set(event.productId, { changes: [change], last: event });
    }
    await forEachLimit([...byProduct], WRITE_CONCURRENCY, ([productId, entry]) =>
      write(shardId, productId, entry),
    );
    // Remembered only once the whole batch is written: a batch read again must apply its rest.
    for (const id of seen) {
      recent.add(id);
      if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value!);
    }
  };
}
