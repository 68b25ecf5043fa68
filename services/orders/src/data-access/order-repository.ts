import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { PK, TTL_ATTRIBUTE } from '@shopeasy/resources';
import { isTransactionConditionFailed, unlessConditionFails } from '@shopeasy/service-kit/aws';
import type { IdempotencyRecord, Order } from '../domain/model.js';
import type { OrderStore } from '../domain/ports.js';
import { keys } from './keys.js';
import { createOrderLists } from './order-lists.js';
import { fromItem, toItem } from './order-items.js';
import { updateExpression } from './order-update.js';

/** Orders, their leases and open-work markers in the orders table. */
export function createOrderRepository(db: DynamoDBDocumentClient, table: string): OrderStore {
  const updateOrder = (
    orderId: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) =>
    unlessConditionFails(async () => {
      const { Attributes } = await db.send(
        new UpdateCommand({ TableName: table, Key: keys.order(orderId), ReturnValues: 'ALL_NEW', ...input }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    });

  return {
    ...createOrderLists(db, table),

    async create(order: Order, idempotency: IdempotencyRecord, now: number) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...keys.idempotency(idempotency.userId, idempotency.key),
                    ...idempotency,
                    [TTL_ATTRIBUTE]: idempotency.expiresAt,
                  },
                  // A record whose TTL has passed but that DynamoDB has not deleted yet is free again.
                  ConditionExpression: 'attribute_not_exists(#pk) OR #ttl < :now',
                  ExpressionAttributeNames: { '#pk': PK, '#ttl': TTL_ATTRIBUTE },
                  ExpressionAttributeValues: { ':now': now },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: toItem(order),
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { ...keys.openWork(order.id), since: Date.parse(order.createdAt) },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isTransactionConditionFailed(error)) return false;
        throw error;
      }
    },

    async get(orderId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.order(orderId), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },

    update: (orderId, change) => updateOrder(orderId, updateExpression(orderId, change)),

    acquireLease: (orderId, lease, now) =>
      updateOrder(orderId, {
        UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
        ConditionExpression:
          'attribute_exists(#pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR leaseOwner = :owner)',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':owner': lease.owner, ':until': lease.until, ':now': now },
      }),

    async renewLease(orderId, lease) {
      const renewed = await updateOrder(orderId, {
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeValues: { ':owner': lease.owner, ':until': lease.until },
      });
      return renewed !== undefined;
    },

    async releaseLease(orderId, owner) {
      await updateOrder(orderId, {
        UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeValues: { ':owner': owner },
      });
    },

    async openWork(orderId, since) {
      await db.send(new PutCommand({ TableName: table, Item: { ...keys.openWork(orderId), since } }));
    },

    async closeWork(orderId) {
      await db.send(new DeleteCommand({ TableName: table, Key: keys.openWork(orderId) }));
    },
  };
}
