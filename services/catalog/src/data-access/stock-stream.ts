import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { publishInventoryEvents } from '@shopeasy/events';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { StockEvents } from '../domain/inventory-ports.js';

/**
 * Publishes committed stock moves on the inventory stream, partition key = product id, so each
 * product's events stay in order on one shard. The DynamoDB write is the truth: a failed put is
 * logged at error level with the events it lost (for replay), never thrown at the caller.
 */
export function createStockStream(kinesis: KinesisClient, streamName: string, logger: Logger): StockEvents {
  return {
    publish: (events) => publishInventoryEvents(kinesis, streamName, events, logger),
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
