import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import type { PurchaseStore } from '../domain/ports.js';
import { keys } from './keys.js';

/**
 * Purchase markers USER#<userId> / PURCHASE#<productId>#<orderId>, one per product of a paid
 * order and removed when the order is cancelled: "did this user buy this product" is a single
 * one-item query instead of reading the user's orders.
 */
export function createPurchaseRepository(db: DynamoDBDocumentClient, table: string): PurchaseStore {
  return {
    async mark(userId, orderId, productIds) {
      await Promise.all(
        productIds.map((productId) =>
          db.send(
            new PutCommand({
              TableName: table,
              Item: { ...keys.purchase(userId, productId, orderId), orderId },
            }),
          ),
        ),
      );
    },

    async unmark(userId, orderId, productIds) {
      await Promise.all(
        productIds.map((productId) =>
          db.send(new DeleteCommand({ TableName: table, Key: keys.purchase(userId, productId, orderId) })),
        ),
      );
    },

    async find(userId, productId) {
      const prefix = keys.purchase(userId, productId, '')[SK];
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': prefix },
          Limit: 1,
        }),
      );
      return Items[0]?.orderId as string | undefined;
    },
  };
}
