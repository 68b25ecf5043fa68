import { type InventoryEvent, publishInventoryEvents } from '@shopeasy/events';
import { newId } from '@shopeasy/service-kit/ids';
import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { InventoryChange } from '../domain/model.js';
import type { InventoryEvents } from '../domain/ports.js';

/**
 * Publishes cart changes to the inventory stream. Best-effort: the cart is already written and
 * is the source of truth for the shopper, so a failed put is logged, never thrown.
 */
export function createInventoryStream(
  kinesis: KinesisClient,
  streamName: string,
  logger: Logger,
): InventoryEvents {
  return {
    async publish(userId, changes) {
      const occurredAt = new Date().toISOString();
      const events = changes.map((change) => toEvent(change, userId, occurredAt));
      await publishInventoryEvents(kinesis, streamName, events, logger);
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
