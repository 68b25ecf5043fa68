import {
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { StoredItem } from './checksum.js';

export interface Damage {
  readonly deleted: number;
  readonly corrupted: number;
}

async function write(db: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
    while (pending && pending.length > 0) {
      const answer: BatchWriteItemCommandOutput = await db.send(
        new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
      );
      pending = answer.UnprocessedItems?.[table];
    }
  }
}

function keyOf(item: StoredItem, keys: readonly string[]): StoredItem {
  return Object.fromEntries(keys.map((k) => [k, item[k]!]));
}

/** Deletes every fourth item and corrupts the one after it (the emulator only, never AWS). */
export async function damageTable(
  db: DynamoDBClient,
  table: string,
  items: readonly StoredItem[],
  keys: readonly string[],
): Promise<Damage> {
  const deletes = items.filter((_, i) => i % 4 === 0);
  const corrupts = items.filter((_, i) => i % 4 === 1);
  await write(db, table, [
    ...deletes.map((item) => ({ DeleteRequest: { Key: keyOf(item, keys) } })),
    ...corrupts.map((item) => ({ PutRequest: { Item: { ...item, drillCorrupted: { S: 'garbage' } } } })),
  ]);
  return { deleted: deletes.length, corrupted: corrupts.length };
}

/** Puts every recorded item back as it was, undoing damageTable. */
export async function repairTable(
  db: DynamoDBClient,
  table: string,
  items: readonly StoredItem[],
): Promise<void> {
  await write(
    db,
    table,
    items.map((item) => ({ PutRequest: { Item: item } })),
  );
}
