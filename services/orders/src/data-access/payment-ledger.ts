import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { PK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import type { PaymentLedger } from '../domain/ports.js';
import { keys } from './keys.js';

/** Stripe retries an event for up to 3 days; its marker outlives that, then expires. */
const EVENT_MARKER_SECONDS = 7 * 24 * 3600;
/** Longer than applying one event takes (a request's budget); a dead holder's claim lapses after it. */
const EVENT_LEASE_MS = 60_000;

/** Payment links (`PAYMENT#<reference>`) and applied-event markers (`PROVIDER_EVENT#<id>`). */
export function createPaymentLedger(db: DynamoDBDocumentClient, table: string): PaymentLedger {
  return {
    async link(reference, orderId) {
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.paymentLink(reference), orderId } }));
    },

    async orderOf(reference) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.paymentLink(reference), ConsistentRead: true }),
      );
      return typeof Item?.orderId === 'string' ? Item.orderId : undefined;
    },

    async claimEvent(eventId, now) {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.providerEvent(eventId),
              state: 'applying',
              leaseUntil: now + EVENT_LEASE_MS,
              [TTL_ATTRIBUTE]: Math.floor(now / 1000) + EVENT_MARKER_SECONDS,
            },
            // New, or claimed by a delivery whose process died before it finished (lease lapsed).
            ConditionExpression: 'attribute_not_exists(#pk) OR (#state = :applying AND #lease < :now)',
            ExpressionAttributeNames: { '#pk': PK, '#state': 'state', '#lease': 'leaseUntil' },
            ExpressionAttributeValues: { ':applying': 'applying', ':now': now },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.providerEvent(eventId), ConsistentRead: true }),
      );
      // Markers written before the lease (no state) were applied.
      return Item?.state === 'applying' ? 'busy' : 'applied';
    },

    async completeEvent(eventId) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.providerEvent(eventId),
          UpdateExpression: 'SET #state = :applied REMOVE #lease',
          ExpressionAttributeNames: { '#state': 'state', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':applied': 'applied' },
        }),
      );
    },

    async releaseEvent(eventId) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.providerEvent(eventId) }));
    },
  };
}
