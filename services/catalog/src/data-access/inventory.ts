import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import { unlessConditionFails } from '@shopeasy/service-kit/aws';
import type { ApplyResult, CheckpointStore } from '../domain/inventory-ports.js';
import { transactWrite as transact, type Table, type TransactItem } from './dynamo.js';
import { KEYS, PK } from './keys.js';

const MAX_ATTEMPTS = 5;
/** Sequence numbers are decimal strings of varying length; padded, they compare as strings. */
const POSITION_DIGITS = 80;

/**
 * Adds `delta` to a product's units in carts, once per event: the marker `INVEVENT#<id>` (new,
 * expiring after `markerTtlSeconds`) and the counter change commit together. A decrease below
 * zero (holds the count never saw, such as events older than the stream's retention) stops at 0.
 */
export async function addToCarts(
  table: Table,
  markerTtlSeconds: number,
  event: { eventId: string; productId: string; delta: number; at: string },
): Promise<ApplyResult> {
  const marker: TransactItem = {
    Put: {
      TableName: table.name,
      Item: {
        ...KEYS.inventoryEvent(event.eventId),
        type: 'inventory-event',
        productId: event.productId,
        appliedAt: new Date().toISOString(),
        [TTL_ATTRIBUTE]: Math.floor(Date.now() / 1000) + markerTtlSeconds,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
  let clamp = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decrease = event.delta < 0 && !clamp;
    const codes = await transact(table, [
      marker,
      {
        Update: {
          TableName: table.name,
          Key: KEYS.product(event.productId),
          UpdateExpression: clamp
            ? 'SET #inCarts = :zero, #at = :at'
            : 'SET #inCarts = if_not_exists(#inCarts, :zero) + :delta, #at = :at',
          ConditionExpression: [
            'attribute_exists(#pk)',
            'attribute_not_exists(#deletedAt)',
            ...(decrease ? ['#inCarts >= :needed'] : []),
          ].join(' AND '),
          ExpressionAttributeNames: {
            '#pk': PK,
            '#deletedAt': 'deletedAt',
            '#inCarts': 'inCarts',
            '#at': 'inCartsUpdatedAt',
          },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':at': event.at,
            ...(clamp ? {} : { ':delta': event.delta }),
            ...(decrease ? { ':needed': -event.delta } : {}),
          },
        },
      },
    ]);
    if (!codes) return 'applied';
    if (codes[0] === 'ConditionalCheckFailed') return 'duplicate';
    if (codes[1] === 'ConditionalCheckFailed') {
      if (!decrease) return 'unknown-product';
      clamp = true; // not enough counted (or the product is gone: the next round tells)
    }
  }
  throw new Error(`Event ${event.eventId} kept conflicting with other writes`);
}

export function checkpointRepository(table: Table): CheckpointStore {
  return {
    async getCheckpoint(stream, shardId) {
      const { Item: item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: KEYS.checkpoint(stream, shardId),
          ConsistentRead: true,
        }),
      );
      return item?.sequenceNumber as string | undefined;
    },

    async saveCheckpoint(stream, shardId, sequenceNumber) {
      const position = sequenceNumber.padStart(POSITION_DIGITS, '0');
      await unlessConditionFails(() =>
        table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...KEYS.checkpoint(stream, shardId),
              type: 'checkpoint',
              stream,
              shardId,
              sequenceNumber,
              position,
              updatedAt: new Date().toISOString(),
            },
            // Another consumer may be further along already: a checkpoint only moves forward.
            ConditionExpression: 'attribute_not_exists(#pk) OR #position < :position',
            ExpressionAttributeNames: { '#pk': PK, '#position': 'position' },
            ExpressionAttributeValues: { ':position': position },
          }),
        ),
      );
    },
  };
}
