import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import { ValidationError } from '@shopeasy/service-kit/errors';
import type { OrderStatus, Page, Order } from '../domain/model.js';
import type { OrderStore } from '../domain/ports.js';
import { OPEN_WORK, ORDER_INDEXES, type OrderIndex } from './keys.js';
import { fromItem } from './order-items.js';

/** The list reads of the orders table: by user, by status, all, and open work. */
export function createOrderLists(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<OrderStore, 'listByUser' | 'listAll' | 'listOpenWork'> {
  const query = async (
    index: OrderIndex,
    partition: string,
    limit: number,
    cursor: Record<string, unknown> | undefined,
    status?: OrderStatus,
  ): Promise<Page<Order>> => {
    const result = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey(cursor, index, partition),
        ...(status
          ? {
              FilterExpression: '#status = :status',
              ExpressionAttributeNames: { '#pk': index.pk, '#status': 'status' },
              ExpressionAttributeValues: { ':pk': partition, ':status': status },
            }
          : {
              ExpressionAttributeNames: { '#pk': index.pk },
              ExpressionAttributeValues: { ':pk': partition },
            }),
      }),
    );
    return {
      items: (result.Items ?? []).map(fromItem),
      ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
    };
  };

  return {
    listByUser: (userId, limit, cursor, status) =>
      query(ORDER_INDEXES.byUser, ORDER_INDEXES.byUser.value(userId), limit, cursor, status),

    listAll: (limit, cursor, status) =>
      status
        ? query(ORDER_INDEXES.byStatus, ORDER_INDEXES.byStatus.value(status), limit, cursor)
        : query(ORDER_INDEXES.all, ORDER_INDEXES.all.value(), limit, cursor),

    async listOpenWork(before) {
      const ids: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: '#pk = :pk',
            FilterExpression: '#since < :before',
            ExpressionAttributeNames: { '#pk': PK, '#since': 'since' },
            ExpressionAttributeValues: { ':pk': OPEN_WORK, ':before': before },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) ids.push(String(item[SK]));
        start = page.LastEvaluatedKey;
      } while (start);
      return ids;
    },
  };
}

// A cursor is a key of the same index and partition, or it is not from this list.
function startKey(cursor: Record<string, unknown> | undefined, index: OrderIndex, partition: string) {
  if (!cursor) return undefined;
  const expected = [PK, SK, index.pk, index.sk];
  const valid =
    Object.keys(cursor).length === expected.length &&
    expected.every((k) => typeof cursor[k] === 'string') &&
    cursor[index.pk] === partition;
  if (!valid)
    throw new ValidationError('The cursor is not valid.', [
      { field: 'query.cursor', message: 'is not a cursor from this list' },
    ]);
  return cursor;
}
