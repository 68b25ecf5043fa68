import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { encodeInventoryEvent } from '@shopeasy/events';
import type { Logger } from '@shopeasy/service-kit';
import type { StockEvents } from '../domain/inventory-ports.js';

/**
 * Publishes committed stock moves on the inventory stream, partition key = product id, so each
 * product's events stay in order on one shard. The DynamoDB write is the truth: a failed put is
 * logged at error level with the events it lost (for replay), never thrown at the caller.
 */
export function createStockStream(kinesis: KinesisClient, streamName: string, logger: Logger): StockEvents {
  return {
    async publish(events) {
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
          logger.error({ lost: failed, stream: streamName }, 'stock events not published');
      } catch (error) {
        logger.error({ err: error, lost: events, stream: streamName }, 'stock events not published');
      }
    },
    lost(error, context) {
      logger.error({ err: error, ...context, stream: streamName }, 'stock events not published');
    },
  };
}

/** For apps built without a stream (tools, other services' tests): stock events go nowhere. */
export const noStockEvents: StockEvents = {
  publish: async () => {},
  lost: () => {},
};
