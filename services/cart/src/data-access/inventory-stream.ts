import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { encodeInventoryEvent, type InventoryEvent } from '@shopeasy/events';
import { newId, type Logger } from '@shopeasy/service-kit';
import type { InventoryChange } from '../domain/model.js';
import type { InventoryEvents } from '../domain/ports.js';

/**
 * Publishes cart changes to the inventory stream, partition key = product id so each product's
 * events stay in order on one shard. Best-effort: the cart is already written and is the source
 * of truth for the shopper, so a failed put is logged with the events it lost, never thrown.
 */
export function createInventoryStream(
  kinesis: KinesisClient,
  streamName: string,
  logger: Logger,
): InventoryEvents {
  return {
    async publish(userId, changes) {
      if (changes.length === 0) return;
      const occurredAt = new Date().toISOString();
      const events = changes.map((change) => toEvent(change, userId, occurredAt));
      try {
        const result = await kinesis.send(
          new PutRecordsCommand({
            StreamName: streamName,
            Records: events.map((event) => ({
              PartitionKey: event.productId,
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
    },
  };
}

function toEvent(change: InventoryChange, userId: string, occurredAt: string): InventoryEvent {
  return {
    id: newId('evt'),
    type: change.type,
    productId: change.productId,
    userId,
    quantityDelta: change.quantityDelta,
    occurredAt,
  };
}
