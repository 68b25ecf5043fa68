import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  TransactGetItemsCommand,
  QueryCommand,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCapacity, resetCapacity, startEmulator, type Emulator } from '../src/index.js';
import { createCapacityTable, itemOfSize, rowsOf } from './support/capacity-table.js';
import { dynamoClient } from './support/plain-moto.js';

// Reads by DynamoDB's on-demand rules: a Query sums the sizes of the items its key condition read
// (before any filter), rounds up to 4 KB, and halves that when eventually consistent.

const TABLE = 'capacity-reads';
const CATEGORY = 'CATEGORY#books';
let emulator: Emulator;
let client: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = dynamoClient(emulator.endpoint);
  await createCapacityTable(client, TABLE);
  // One partition of ten 1 KB items, each also in the category (ALL) and brand (INCLUDE name) indexes.
  const items = Array.from({ length: 10 }, (_, i) =>
    itemOfSize(1024, {
      pk: 'SHELF#1',
      sk: `BOOK#${i}`,
      category: CATEGORY,
      brand: 'BRAND#press',
      name: `Book ${i}`,
    }),
  );
  await client.send(
    new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } }),
  );
});

afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
});

beforeEach(() => resetCapacity(emulator.endpoint));

const shelf = (extra: Partial<QueryCommandInput> = {}) =>
  new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': { S: 'SHELF#1' } },
    ...extra,
  });

describe('the emulator capacity meter, reads', () => {
  it('When a partition of ten 1 KB items is queried, then it costs 1.5 units eventually consistent and 3 strongly consistent', async () => {
    await client.send(shelf());
    await client.send(shelf({ ConsistentRead: true }));

    const rows = rowsOf(await readCapacity(emulator.endpoint), TABLE);
    expect(rows.map((r) => [r.operation, r.partition, r.item, r.consistent, r.units, r.bytes])).toEqual([
      ['Query', 'SHELF#1', null, false, 1.5, 10 * 1024],
      ['Query', 'SHELF#1', null, true, 3, 10 * 1024],
    ]);
    expect(rows[0]).toMatchObject({ kind: 'read', requests: 1, maxItemBytes: 1024, index: null });
  });

  it('When a Query filters out every item, then it is still charged for the items its key condition read', async () => {
    const { Items } = await client.send(
      shelf({ FilterExpression: 'attribute_exists(discontinued)', ProjectionExpression: 'pk' }),
    );

    expect(Items).toEqual([]);
    const [row] = rowsOf(await readCapacity(emulator.endpoint), TABLE);
    expect(row).toMatchObject({ operation: 'Query', units: 1.5, bytes: 10 * 1024 });
  });

  it('When four entries of the ALL-projected category index are queried, then they cost half a unit in the index partition (an index reads eventually consistent)', async () => {
    await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byCategory',
        KeyConditionExpression: 'category = :c',
        ExpressionAttributeValues: { ':c': { S: CATEGORY } },
        Limit: 4,
      }),
    );

    expect(rowsOf(await readCapacity(emulator.endpoint), TABLE)).toEqual([
      expect.objectContaining({
        index: 'byCategory',
        partition: CATEGORY,
        consistent: false,
        units: 0.5,
        bytes: 4096,
      }),
    ]);
  });

  it('When the INCLUDE-projected brand index is queried, then only the projected entries are charged, not the 1 KB items', async () => {
    await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byBrand',
        KeyConditionExpression: 'brand = :b',
        ExpressionAttributeValues: { ':b': { S: 'BRAND#press' } },
      }),
    );

    // pk SHELF#1, sk BOOK#n, brand BRAND#press, name Book n: 9 + 8 + 16 + 10 bytes an entry.
    expect(rowsOf(await readCapacity(emulator.endpoint), TABLE)).toEqual([
      expect.objectContaining({
        index: 'byBrand',
        partition: 'BRAND#press',
        units: 0.5,
        bytes: 430,
        maxItemBytes: 43,
      }),
    ]);
  });

  it('When items are read singly, then each costs per 4 KB, at least half a unit even when missing', async () => {
    const key = (sk: string) => ({ pk: { S: 'SHELF#1' }, sk: { S: sk } });
    await client.send(new GetItemCommand({ TableName: TABLE, Key: key('BOOK#1') }));
    await client.send(new GetItemCommand({ TableName: TABLE, Key: key('BOOK#1'), ConsistentRead: true }));
    await client.send(new GetItemCommand({ TableName: TABLE, Key: key('NONE') }));

    const rows = rowsOf(await readCapacity(emulator.endpoint), TABLE);
    expect(rows.map((r) => [r.item, r.consistent, r.units, r.bytes])).toEqual([
      ['SHELF#1|BOOK#1', false, 0.5, 1024],
      ['SHELF#1|BOOK#1', true, 1, 1024],
      ['SHELF#1|NONE', false, 0.5, 0],
    ]);
  });

  it('When items are read in a batch and in a transaction, then each item is charged like a GetItem, double in the transaction', async () => {
    const keys = ['BOOK#1', 'BOOK#2'].map((sk) => ({ pk: { S: 'SHELF#1' }, sk: { S: sk } }));
    await client.send(
      new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } }),
    );
    await client.send(
      new TransactGetItemsCommand({ TransactItems: keys.map((Key) => ({ Get: { TableName: TABLE, Key } })) }),
    );

    const rows = rowsOf(await readCapacity(emulator.endpoint), TABLE);
    expect(rows.map((r) => [r.operation, r.item, r.consistent, r.transactional, r.units])).toEqual([
      ['BatchGetItem', 'SHELF#1|BOOK#1', true, false, 1],
      ['BatchGetItem', 'SHELF#1|BOOK#2', true, false, 1],
      ['TransactGetItems', 'SHELF#1|BOOK#1', true, true, 2],
      ['TransactGetItems', 'SHELF#1|BOOK#2', true, true, 2],
    ]);
  });

  it('When the meter is reset, then the reading is empty and starts at the reset', async () => {
    await client.send(shelf());
    const before = await readCapacity(emulator.endpoint);

    await resetCapacity(emulator.endpoint);

    const after = await readCapacity(emulator.endpoint);
    expect(rowsOf(before, TABLE)).toHaveLength(1);
    expect(after.dynamodb).toEqual([]);
    expect(after.kinesis).toEqual([]);
    expect(Date.parse(after.since)).toBeGreaterThanOrEqual(Date.parse(before.until));
    expect(Date.parse(after.until)).toBeGreaterThanOrEqual(Date.parse(after.since));
  });
});
