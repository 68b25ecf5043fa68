import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import type { PaymentLedger } from '../domain/ports.js';
import { keys } from './keys.js';

/** Stripe retries an event for up to 3 days; its marker outlives that, then expires. */
const EVENT_MARKER_SECONDS = 7 * 24 * 3600;

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
              appliedAt: new Date(now).toISOString(),
              [TTL_ATTRIBUTE]: Math.floor(now / 1000) + EVENT_MARKER_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async releaseEvent(eventId) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.providerEvent(eventId) }));
    },
  };
}
