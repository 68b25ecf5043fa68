import {
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCapacity, resetCapacity, startEmulator, type Emulator } from '../src/index.js';
import { createCapacityTable, itemOfSize, rowsOf, sum } from './support/capacity-table.js';
import { dynamoClient } from './support/plain-moto.js';

// The emulator records what DynamoDB's on-demand billing would charge for each write
// (python/capacity_meter): base-table units by item size, doubled in a transaction, and each
// secondary index's writes by what the write did to that index's entry.

const TABLE = 'capacity-writes';
let emulator: Emulator;
let client: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = dynamoClient(emulator.endpoint);
  await createCapacityTable(client, TABLE);
});

afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
});

beforeEach(() => resetCapacity(emulator.endpoint));

const product = (pk: string, bytes: number) => ({
  TableName: TABLE,
  Item: itemOfSize(bytes, { pk, sk: 'PRODUCT' }),
});
const put = (pk: string, bytes: number) => new PutItemCommand(product(pk, bytes));

describe('the emulator capacity meter, writes', () => {
  it('When a 1.5 KB item is put, then it costs 2 write units, and 4 in a transaction', async () => {
    await client.send(put('PRODUCT#single', 1536));
    await client.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: product('PRODUCT#in-tx', 1536) }] }),
    );

    const reading = await readCapacity(emulator.endpoint);
    expect(rowsOf(reading, TABLE)).toEqual([
      expect.objectContaining({
        item: 'PRODUCT#single|PRODUCT',
        operation: 'PutItem',
        units: 2,
        transactional: false,
      }),
      expect.objectContaining({
        item: 'PRODUCT#in-tx|PRODUCT',
        operation: 'TransactWriteItems',
        units: 4,
        transactional: true,
      }),
    ]);
    expect(rowsOf(reading, TABLE)[0]).toMatchObject({
      index: null,
      partition: 'PRODUCT#single',
      kind: 'write',
      requests: 1,
      bytes: 1536,
      maxItemBytes: 1536,
    });
  });

  it('When a conditional put fails or a transaction checks a 1.5 KB item, then each still costs what it evaluated', async () => {
    await client.send(put('PRODUCT#checked', 1536));
    await resetCapacity(emulator.endpoint);

    const refused = client.send(
      new PutItemCommand({
        ...product('PRODUCT#checked', 100),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await expect(refused).rejects.toThrow(/conditional/i);
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: TABLE,
              Key: { pk: { S: 'PRODUCT#checked' }, sk: { S: 'PRODUCT' } },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          { Put: product('PRODUCT#small', 200) },
        ],
      }),
    );

    const rows = rowsOf(await readCapacity(emulator.endpoint), TABLE);
    const units = Object.fromEntries(rows.map((r) => [`${r.operation} ${r.item}`, r.units]));
    // The refused put evaluated the stored 1.5 KB item; a ConditionCheck is a transactional write.
    expect(units).toEqual({
      'PutItem PRODUCT#checked|PRODUCT': 2,
      'TransactWriteItems PRODUCT#checked|PRODUCT': 4,
      'TransactWriteItems PRODUCT#small|PRODUCT': 2,
    });
  });

  it('When an update changes only an attribute the INCLUDE index leaves out, then that index is charged nothing and the ALL index one write', async () => {
    const attributes = {
      pk: 'PRODUCT#stock',
      sk: 'PRODUCT',
      category: 'CATEGORY#tea',
      brand: 'BRAND#leaf',
      name: 'Green tea',
    };
    await client.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...itemOfSize(1500, attributes), stock: { N: '5' } } }),
    );
    await resetCapacity(emulator.endpoint);

    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'PRODUCT#stock' }, sk: { S: 'PRODUCT' } },
        UpdateExpression: 'SET stock = :s',
        ExpressionAttributeValues: { ':s': { N: '4' } },
      }),
    );

    const reading = await readCapacity(emulator.endpoint);
    expect(rowsOf(reading, TABLE, 'byBrand')).toEqual([]);
    expect(rowsOf(reading, TABLE, 'byCategory')).toEqual([
      expect.objectContaining({
        partition: 'CATEGORY#tea',
        item: 'PRODUCT#stock|PRODUCT',
        operation: 'UpdateItem',
        requests: 1,
        units: 2,
      }),
    ]);
    expect(sum(rowsOf(reading, TABLE, null), 'units')).toBe(2);
  });

  it('When an update moves an item to another category, then the index is charged a delete in the old partition and a put in the new', async () => {
    const attributes = { pk: 'PRODUCT#moved', sk: 'PRODUCT', category: 'CATEGORY#old', brand: 'BRAND#leaf' };
    await client.send(new PutItemCommand({ TableName: TABLE, Item: itemOfSize(900, attributes) }));
    await resetCapacity(emulator.endpoint);

    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'PRODUCT#moved' }, sk: { S: 'PRODUCT' } },
        UpdateExpression: 'SET category = :c',
        ExpressionAttributeValues: { ':c': { S: 'CATEGORY#new' } },
      }),
    );

    const rows = rowsOf(await readCapacity(emulator.endpoint), TABLE, 'byCategory');
    expect(rows.map((r) => [r.partition, r.requests, r.units])).toEqual([
      ['CATEGORY#old', 1, 1],
      ['CATEGORY#new', 1, 1],
    ]);
    expect(rowsOf(await readCapacity(emulator.endpoint), TABLE, 'byBrand')).toEqual([]);
  });
});
