import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PK, SK } from '@shopeasy/resources';
import { ValidationError } from '@shopeasy/service-kit/errors';
import type { ListedOrder, OrderStatus, Page } from '../domain/model.js';
import type { OrderStore } from '../domain/ports.js';
import { ALL_SHARDS, ORDER_INDEXES, openWorkPartition } from './keys.js';
import { mergedPage } from './merged-list.js';
import { fromListing } from './order-items.js';

const BY_USER = ORDER_INDEXES.byUser;

/** The list reads of the orders table: by user, by status, all, and open work. */
export function createOrderLists(
  db: DynamoDBDocumentClient,
  table: string,
): Pick<OrderStore, 'listByUser' | 'listAll' | 'listOpenWork'> {
  // A user's orders are one partition: a plain query, its cursor the last evaluated key.
  const byUser = async (
    userId: string,
    limit: number,
    cursor: Record<string, unknown> | undefined,
    status?: OrderStatus,
  ): Promise<Page<ListedOrder>> => {
    const partition = BY_USER.value(userId);
    const result = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: BY_USER.name,
        KeyConditionExpression: '#pk = :pk',
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey(cursor, partition),
        ...(status ? { FilterExpression: '#status = :status' } : {}),
        ExpressionAttributeNames: { '#pk': BY_USER.pk, ...(status ? { '#status': 'status' } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(status ? { ':status': status } : {}) },
      }),
    );
    return {
      items: (result.Items ?? []).map(fromListing),
      ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
    };
  };

  return {
    listByUser: byUser,

    listAll: (limit, cursor, status) =>
      status
        ? mergedPage(
            db,
            table,
            ORDER_INDEXES.byStatus,
            (n) => ORDER_INDEXES.byStatus.value(status, n),
            limit,
            cursor,
          )
        : mergedPage(db, table, ORDER_INDEXES.all, ORDER_INDEXES.all.value, limit, cursor),

    // Every shard in full: markers live only while a checkout or its effects are unfinished.
    async listOpenWork(before) {
      const shards = await Promise.all(ALL_SHARDS.map((shard) => openWorkIn(db, table, shard, before)));
      return shards
        .flat()
        .sort((a, b) => a.since - b.since)
        .map((work) => work.orderId);
    },
  };
}

/** The open-work markers of one shard started before `before` (epoch ms). */
async function openWorkIn(db: DynamoDBDocumentClient, table: string, shard: number, before: number) {
  const found: { orderId: string; since: number }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#since < :before',
        ExpressionAttributeNames: { '#pk': PK, '#since': 'since' },
        ExpressionAttributeValues: { ':pk': openWorkPartition(shard), ':before': before },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) found.push({ orderId: String(item[SK]), since: Number(item.since) });
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

// A cursor is a key of the same index and partition, or it is not from this list.
function startKey(cursor: Record<string, unknown> | undefined, partition: string) {
  if (!cursor) return undefined;
  const expected = [PK, SK, BY_USER.pk, BY_USER.sk];
  const valid =
    Object.keys(cursor).length === expected.length &&
    expected.every((k) => typeof cursor[k] === 'string') &&
    cursor[BY_USER.pk] === partition;
  if (!valid)
    throw new ValidationError('The cursor is not valid.', [
      { field: 'query.cursor', message: 'is not a cursor from this list' },
    ]);
  return cursor;
}
