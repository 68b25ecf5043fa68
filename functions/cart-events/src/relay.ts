import type { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  CART_OUTBOX_ATTRIBUTE,
  cartOutboxEvents,
  readCartOutbox,
  type InventoryEvent,
} from '@shopeasy/events';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export interface RelayDeps {
  /** Puts events on the inventory stream; answers those it could not put, throws when the call failed. */
  put(events: readonly InventoryEvent[]): Promise<InventoryEvent[]>;
  logger: Logger;
}

/** One put: PutRecords takes at most 500 records. */
const PUT_RECORDS_MAX = 500;

interface Outgoing {
  event: InventoryEvent;
  /** The stream record (one cart write) the event came from. */
  sequenceNumber: string;
}

/**
 * The cart table's stream handler (event source with ReportBatchItemFailures, records in table
 * order per cart): puts the events each cart write stored in its outbox on the inventory stream.
 * When an event cannot be put, the batch answers the first cart write whose events are not all on
 * the stream; the event source retries from there (bisecting, then sending what still fails to
 * the on-failure destination), so an event is never dropped here. A write retried this way may
 * put some of its events twice, each with the same id.
 */
export function createRelay(deps: RelayDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const outgoing = event.Records.flatMap((record) => eventsOf(record, deps.logger));
    for (let start = 0; start < outgoing.length; start += PUT_RECORDS_MAX) {
      const chunk = outgoing.slice(start, start + PUT_RECORDS_MAX);
      let refused: readonly InventoryEvent[];
      try {
        refused = await deps.put(chunk.map((o) => o.event));
      } catch (error) {
        deps.logger.warn('Inventory stream refused the put; the event source retries', {
          error: error as Error,
          events: chunk.length,
        });
        refused = chunk.map((o) => o.event);
      }
      if (refused.length > 0) {
        // By id: the put hands back copies of the events (with the trace headers it added).
        const ids = new Set(refused.map((e) => e.id));
        const first = chunk.find((o) => ids.has(o.event.id))!;
        deps.logger.warn(
          'Events refused by the inventory stream; the event source retries from their cart write',
          {
            refused: refused.length,
            sequenceNumber: first.sequenceNumber,
          },
        );
        return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
      }
    }
    deps.logger.info('Cart events relayed', { records: event.Records.length, events: outgoing.length });
    return { batchItemFailures: [] };
  };
}

/** The events one cart write stored; none for a deleted cart (TTL) or a write that changed no line. */
function eventsOf(record: DynamoDBRecord, logger: Logger): Outgoing[] {
  const image = record.dynamodb?.NewImage;
  const sequenceNumber = record.dynamodb?.SequenceNumber;
  if (!image || !sequenceNumber || !(CART_OUTBOX_ATTRIBUTE in image)) return [];
  // The event's attribute values are the SDK's, typed apart by @types/aws-lambda.
  const item = unmarshall(image as Record<string, SdkAttributeValue>);
  const outbox = readCartOutbox(item[CART_OUTBOX_ATTRIBUTE]);
  if (!outbox || typeof item.userId !== 'string') {
    // Retrying cannot mend it: reported and skipped, never a batch stuck on it.
    logger.error('Cart write with a malformed outbox; its events are not relayed', {
      sequenceNumber,
      eventId: record.eventID,
    });
    return [];
  }
  return cartOutboxEvents(item.userId, outbox).map((e) => ({ event: e, sequenceNumber }));
}
