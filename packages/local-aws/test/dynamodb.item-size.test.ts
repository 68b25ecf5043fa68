import {
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPair, type Pair } from './support/plain-moto.js';

// The emulator checks a new item's 400 KB limit once per item, moto once per attribute
// (python/dynamodb_at_scale/item_size.py): the limit must fall at the same byte for both.

type Item = Record<string, AttributeValue>;
const TABLE = 'item-size';
// moto's limit: the attribute names' UTF-8 bytes plus the values' sizes may reach 405,000.
const LIMIT = 405_000;

let pair: Pair;
let ours: DynamoDBClient;
let reference: DynamoDBClient;

beforeAll(async () => {
  pair = await startPair();
  ({ ours, reference } = pair);
  const table = new CreateTableCommand({
    TableName: TABLE,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await Promise.all([ours.send(table), reference.send(table)]);
});

afterAll(() => pair?.stop());

/** An item of exactly `size` bytes as moto counts them, with a multi-byte name and a nested map. */
function itemOfSize(pk: string, size: number): Item {
  const fixed: Item = { pk: { S: pk }, größe: { N: '12.5' }, tags: { M: { a: { L: [{ S: 'x' }] } } } };
  const fixedSize = 2 + pk.length + 7 + 4 + 4 + 1 + 1; // pk, größe (7 bytes) + "12.5", tags + a + x
  return { ...fixed, body: { S: 'b'.repeat(size - fixedSize - 4) } };
}

/** Sends to both; the outcome (stored, or the error's name) must be the same. */
async function putBoth(item: Item, batch: boolean): Promise<string> {
  const outcome = async (client: DynamoDBClient) => {
    try {
      if (batch) {
        await client.send(
          new BatchWriteItemCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: item } }] } }),
        );
      } else {
        await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
      }
      const stored = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: item.pk! } }));
      return stored.Item?.body?.S === item.body?.S ? 'stored' : 'missing';
    } catch (error) {
      return (error as Error).name;
    }
  };
  const [mine, moto] = await Promise.all([outcome(ours), outcome(reference)]);
  expect(mine).toBe(moto);
  return mine;
}

describe('the emulator DynamoDB item size limit', () => {
  it('When items of exactly the limit and one byte over are written, singly and in batches, then both are treated as moto treats them', async () => {
    expect(await putBoth(itemOfSize('at-limit', LIMIT), false)).toBe('stored');
    expect(await putBoth(itemOfSize('over-limit', LIMIT + 1), false)).not.toBe('stored');
    expect(await putBoth(itemOfSize('batch-at-limit', LIMIT), true)).toBe('stored');
    expect(await putBoth(itemOfSize('batch-over-limit', LIMIT + 1), true)).not.toBe('stored');
  });
});
