import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '@shopeasy/service-kit/errors';
import type { ListedOrder, Page } from '../domain/model.js';
import { ALL_SHARDS, type OrderIndex } from './keys.js';
import { fromListing } from './order-items.js';

type Item = Record<string, unknown>;

/** Up to `count` items of one index partition below the position `below`, newest first. */
async function shardPage(
  db: DynamoDBDocumentClient,
  table: string,
  index: OrderIndex,
  partition: string,
  below: string | undefined,
  count: number,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: index.name,
        KeyConditionExpression: below ? '#pk = :pk AND #sk < :below' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk, ...(below ? { '#sk': index.sk } : {}) },
        ExpressionAttributeValues: { ':pk': partition, ...(below ? { ':below': below } : {}) },
        ScanIndexForward: false,
        Limit: count - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    // A 1 MB page may end early; read on until the shard gave `count` or ran out.
    start = page.LastEvaluatedKey;
  } while (start && items.length < count);
  return items;
}

/**
 * One page of a sharded listing, newest first: every shard gives its newest `limit + 1` below the
 * cursor, so the merged first `limit` are the newest overall and one more says a next page exists.
 * The cursor is the last item's sort key (`<createdAt>#<orderId>`, unique), so no order is skipped
 * or repeated between pages, whichever shards they come from.
 */
export async function mergedPage(
  db: DynamoDBDocumentClient,
  table: string,
  index: OrderIndex,
  partition: (shard: number) => string,
  limit: number,
  cursor: Record<string, unknown> | undefined,
): Promise<Page<ListedOrder>> {
  const below = cursorPosition(cursor, index);
  const shards = await Promise.all(
    ALL_SHARDS.map((shard) => shardPage(db, table, index, partition(shard), below, limit + 1)),
  );
  const merged = shards.flat().sort((a, b) => byPositionDescending(a[index.sk], b[index.sk]));
  const items = merged.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(fromListing),
    ...(merged.length > limit && last ? { next: { [index.sk]: last[index.sk] } } : {}),
  };
}

const byPositionDescending = (a: unknown, b: unknown) => {
  const [x, y] = [String(a), String(b)];
  return x < y ? 1 : x > y ? -1 : 0;
};

// A cursor of a merged list is one position of the same index, or it is not from this list.
function cursorPosition(cursor: Record<string, unknown> | undefined, index: OrderIndex) {
  if (!cursor) return undefined;
  const position = cursor[index.sk];
  if (Object.keys(cursor).length !== 1 || typeof position !== 'string' || !position.includes('#'))
    throw new ValidationError('The cursor is not valid.', [
      { field: 'query.cursor', message: 'is not a cursor from this list' },
    ]);
  return position;
}
