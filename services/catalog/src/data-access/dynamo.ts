import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetCommand,
  BatchWriteCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { cancellationCodes } from '@shopeasy/service-kit/aws';
import type { Item } from './items.js';

/** Where the repository writes: the document client and the table it owns. */
export interface Table {
  client: DynamoDBDocumentClient;
  name: string;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Writes the items in one transaction: undefined when it committed, its cancellation codes when not. */
export async function transactWrite(table: Table, items: TransactItem[]): Promise<string[] | undefined> {
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    return codes;
  }
}

/**
 * An update that sets every attribute of `set` (numbered placeholders, so any attribute name
 * is safe) and removes `remove`.
 */
export function updateExpression(
  set: Item,
  remove: readonly string[] = [],
): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const MAX_RETRIES = 8;

/** Backoff for unprocessed batch items (throttling): 50 ms, 100 ms, … up to ~3 s. */
function backoff(attempt: number): Promise<void> {
  return sleep(Math.min(3_000, 50 * 2 ** attempt));
}

/** Reads items by key, 100 per request, retrying unprocessed keys; strongly consistent unless told. */
export async function batchGet(
  table: Table,
  keys: Record<string, string>[],
  consistent = true,
): Promise<Item[]> {
  const found: Item[] = [];
  for (const chunk of chunks(keys, 100)) {
    let pending: Record<string, unknown>[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > MAX_RETRIES) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const result = await table.client.send(
        new BatchGetCommand({
          RequestItems: { [table.name]: { Keys: pending, ConsistentRead: consistent } },
        }),
      );
      found.push(...((result.Responses?.[table.name] ?? []) as Item[]));
      pending = result.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}

/** Puts items, 25 per request and `concurrency` requests at a time, retrying unprocessed items. */
export async function batchPut(table: Table, items: Item[], concurrency = 4): Promise<void> {
  const queue = chunks(items, 25);
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      let pending = chunk.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > MAX_RETRIES) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        if (attempt > 0) await backoff(attempt);
        const result = await table.client.send(
          new BatchWriteCommand({ RequestItems: { [table.name]: pending } }),
        );
        pending = (result.UnprocessedItems?.[table.name] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
