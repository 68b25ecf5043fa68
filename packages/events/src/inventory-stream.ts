import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { type Logger, traceCarrier } from '@shopeasy/service-kit/telemetry';
import { encodeInventoryEvent, type InventoryEvent } from './inventory-events.js';

/**
 * How many shard keys one product's cart changes spread over. Keyed by product alone, the hottest
 * product's cart changes (about 8 % of 5,000/s) would fill 42 % of one shard's 1,000 records/s on
 * their own; keyed by shopper alone, they would come from every shard, and the catalog, which
 * counts a product's changes per shard, would keep one position per shard on the product's LIVE
 * item (with 24 shards, a 2 KB item: three write units a write instead of one). Four keys a
 * product keep both small.
 */
export const CART_KEY_SPREAD = 4;

/**
 * The shard key of an event. A cart change goes by product and one of CART_KEY_SPREAD buckets
 * chosen by shopper, so one shopper's changes to a product stay in order on one shard. Stock
 * moves go by product, in order per product.
 */
export function inventoryPartitionKey(event: InventoryEvent): string {
  if (!('userId' in event)) return event.productId;
  const bucket = createHash('md5').update(event.userId).digest().readUInt32BE(0) % CART_KEY_SPREAD;
  return `${event.productId}#${bucket}`;
}

/**
 * Puts inventory events on the Kinesis stream, keyed by inventoryPartitionKey, and answers those
 * it could not put. Records a throttled shard refuses are sent again, `attempts` times in all
 * with a short back-off; a call that fails as a whole (after the SDK's own retries) throws.
 * Events that already carry trace headers keep them; the others get the caller's.
 */
export async function putInventoryEvents(
  kinesis: KinesisClient,
  streamName: string,
  events: readonly InventoryEvent[],
  attempts = RECORD_ATTEMPTS,
): Promise<InventoryEvent[]> {
  if (events.length === 0) return [];
  // Kinesis records have no attributes: the trace headers ride in the event itself.
  const trace = traceCarrier();
  const traced = Object.keys(trace).length > 0;
  let pending: InventoryEvent[] = events.map((event) =>
    traced && !event.trace ? { ...event, trace } : event,
  );
  // A PutRecords answers per record: a throttled shard refuses some and takes the rest. Those
  // are sent again; the SDK itself retries only a call that failed as a whole.
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await sleep(RECORD_RETRY_MS * 2 ** (attempt - 2) * (1 + Math.random()));
    const result = await kinesis.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: pending.map((event) => ({
          PartitionKey: inventoryPartitionKey(event),
          Data: encodeInventoryEvent(event),
        })),
      }),
    );
    pending = pending.filter((_, i) => result.Records?.[i]?.ErrorCode);
    if (pending.length === 0 || attempt >= attempts) return pending;
  }
}

/**
 * Puts inventory events on the Kinesis stream (putInventoryEvents), best-effort: for a publisher
 * whose own table is the truth. What still fails (whole or per record) is logged at error level
 * with the events it lost, for replay, and never thrown at the caller.
 */
export async function publishInventoryEvents(
  kinesis: KinesisClient,
  streamName: string,
  events: readonly InventoryEvent[],
  logger: Logger,
): Promise<void> {
  try {
    const lost = await putInventoryEvents(kinesis, streamName, events);
    if (lost.length > 0) logger.error({ lost, stream: streamName }, 'inventory events not published');
  } catch (error) {
    logger.error({ err: error, lost: events, stream: streamName }, 'inventory events not published');
  }
}

/** A record refused by a throttled shard is sent at most this many times in all. */
const RECORD_ATTEMPTS = 3;
const RECORD_RETRY_MS = 25;
