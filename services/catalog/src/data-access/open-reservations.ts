import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './dynamo.js';
import { OPEN_RESERVATION_SHARDS, OPEN_RESERVATIONS_INDEX as OPEN, PARTITIONS } from './keys.js';

interface Hold {
  reservationId: string;
  /** The index sort key, `<holdUntil ISO>#<reservationId>`: orders holds across shards. */
  sortKey: string;
}

/** Up to `limit` holds of one shard that expired at `at` or before, oldest first. */
async function expiredInShard(table: Table, shard: number, at: string, limit: number): Promise<Hold[]> {
  const holds: Hold[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: OPEN.index,
        // '$' sorts right after '#': every hold that expired at `at` or before.
        KeyConditionExpression: '#pk = :open AND #sk < :before',
        ExpressionAttributeNames: { '#pk': OPEN.pk, '#sk': OPEN.sk },
        ExpressionAttributeValues: { ':open': PARTITIONS.openReservations(shard), ':before': `${at}$` },
        Limit: limit - holds.length,
        ExclusiveStartKey: start,
      }),
    );
    holds.push(
      ...(page.Items ?? []).map((item) => ({
        reservationId: item.reservationId as string,
        sortKey: item[OPEN.sk] as string,
      })),
    );
    start = page.LastEvaluatedKey;
  } while (start && holds.length < limit);
  return holds;
}

/**
 * Ids of reservations whose hold expired at `at` or before, oldest first, from every shard of
 * the open-reservations index: each shard gives its oldest `limit`, so the merged first `limit`
 * are the oldest overall.
 */
export async function listExpired(table: Table, at: string, limit: number): Promise<string[]> {
  const shards = await Promise.all(
    Array.from({ length: OPEN_RESERVATION_SHARDS }, (_, shard) => expiredInShard(table, shard, at, limit)),
  );
  return shards
    .flat()
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .slice(0, limit)
    .map((hold) => hold.reservationId);
}
