import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { unlessConditionFails } from '@shopeasy/service-kit/aws';
import type { IdempotencyRecord } from '../domain/model.js';
import type { IdempotencyStore } from '../domain/ports.js';
import { keys } from './keys.js';

/** Idempotency records: one per user and key, expiring through the table's TTL. */
export function createIdempotencyRepository(db: DynamoDBDocumentClient, table: string): IdempotencyStore {
  return {
    async get(userId, key, now) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.idempotency(userId, key), ConsistentRead: true }),
      );
      // DynamoDB deletes expired items lazily; an expired record no longer binds the key.
      if (!Item || Number(Item[TTL_ATTRIBUTE]) <= now) return undefined;
      const { [PK]: _pk, [SK]: _sk, [TTL_ATTRIBUTE]: expiresAt, ...rest } = Item;
      return { ...rest, expiresAt: Number(expiresAt) } as IdempotencyRecord;
    },

    async complete(userId, key, response) {
      await unlessConditionFails(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.idempotency(userId, key),
            UpdateExpression: 'SET #response = :response',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#response)',
            ExpressionAttributeNames: { '#pk': PK, '#response': 'response' },
            ExpressionAttributeValues: { ':response': response },
          }),
        ),
      );
    },
  };
}
