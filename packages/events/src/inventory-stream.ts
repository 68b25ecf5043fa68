import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { type Logger, traceCarrier } from '@shopeasy/service-kit/telemetry';
import { encodeInventoryEvent, type InventoryEvent } from './inventory-events.js';

/**
 * The shard key of an event. Cart changes go by shopper: one shopper's changes stay in order on
 * one shard, and a popular product's changes spread over every shard (keyed by product, the
 * hottest product's cart changes, about 8 % of 5,000/s, would fill 42 % of one shard's 1,000
 * records/s on their own). The catalog counts a product's changes per shard, so their order
 * across shards does not matter. Stock moves go by product, in order per product.
 */
export function inventoryPartitionKey(event: InventoryEvent): string {
  return 'userId' in event ? `user:${event.userId}` : event.productId;
}

/**
 * Puts inventory events on the Kinesis stream, keyed by inventoryPartitionKey. Best-effort by design: the publisher's own table is the
 * truth, so a failed put (whole or per record) is logged at error level with the events it lost,
 * for replay, and never thrown at the caller.
 */
export async function publishInventoryEvents(
  kinesis: KinesisClient,
  streamName: string,
  events: readonly InventoryEvent[],
  logger: Logger,
): Promise<void> {
  if (events.length === 0) return;
  // Kinesis records have no attributes: the trace headers ride in the event itself.
  const trace = traceCarrier();
  const traced = Object.keys(trace).length > 0 ? events.map((event) => ({ ...event, trace })) : events;
  try {
    const result = await kinesis.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: traced.map((event) => ({
          PartitionKey: inventoryPartitionKey(event),
          Data: encodeInventoryEvent(event),
        })),
      }),
    );
    const failed = (result.Records ?? []).flatMap((record, i) => (record.ErrorCode ? [events[i]] : []));
    if (failed.length > 0)
      logger.error({ lost: failed, stream: streamName }, 'inventory events not published');
  } catch (error) {
    logger.error({ err: error, lost: events, stream: streamName }, 'inventory events not published');
  }
}
