import {
  BatchWriteItemCommand,
  CreateTableCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { dynamoClient } from './support/plain-moto.js';

// moto reads every item of a table for each Query; the emulator reads only the partition named.
// The same page is read from a table of 1,000 items and one of 20,000: the cost must not follow
// the table (unpatched moto takes about twenty times as long on the larger one).

const SIZES = { small: 1_000, large: 20_000 } as const;
const PARTITION = 50; // items of the queried category in either table

let emulator: Emulator;
let client: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = dynamoClient(emulator.endpoint);
  for (const [name, size] of Object.entries(SIZES)) await fill(name, size);
}, 180_000);

afterAll(async () => {
  client?.destroy();
  await emulator?.stop();
});

async function fill(table: string, size: number) {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi2pk', 'gsi2sk'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  const product = (i: number): Record<string, AttributeValue> => ({
    pk: { S: `PRODUCT#${i}` },
    sk: { S: 'PRODUCT' },
    // The first PARTITION items are the queried category; the rest spread over other categories.
    gsi2pk: { S: i < PARTITION ? 'CATEGORY#target' : `CATEGORY#${i % 97}` },
    gsi2sk: { S: `2026-11-30T10:00:${String(i).padStart(6, '0')}#${i}` },
    name: { S: `Product ${i}` },
    description: { S: 'A product of the load-test catalogue. '.repeat(4) },
    priceAmount: { N: String(1000 + (i % 500)) },
    currency: { S: 'EUR' },
    stock: { N: '10' },
  });
  const batches = Array.from({ length: size / 25 }, (_, b) =>
    Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: product(b * 25 + i) } })),
  );
  // A few batches in flight at a time keep the emulator busy without queueing hundreds.
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(
      batches
        .slice(i, i + 4)
        .map((batch) => client.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }))),
    );
  }
}

async function pageMs(table: string): Promise<number> {
  const started = performance.now();
  const page = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'CATEGORY#target' } },
      ScanIndexForward: false,
      Limit: 21,
    }),
  );
  const elapsed = performance.now() - started;
  expect(page.Items).toHaveLength(21);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('emulator Query cost', () => {
  it('When the same page is read from a table of 1,000 and of 20,000 items, then it costs about the same', async () => {
    const times: Record<keyof typeof SIZES, number[]> = { small: [], large: [] };
    await pageMs('small');
    await pageMs('large'); // first Query of an index builds its partition map, once
    // Interleaved, so that load from elsewhere on the machine falls on both alike.
    for (let i = 0; i < 40; i++) {
      times.small.push(await pageMs('small'));
      times.large.push(await pageMs('large'));
    }
    const small = median(times.small);
    const large = median(times.large);
    console.log(
      `query page (21 of ${PARTITION}): median ${small.toFixed(2)} ms at ${SIZES.small} items, ${large.toFixed(2)} ms at ${SIZES.large} items (x${(large / small).toFixed(2)})`,
    );
    // Twenty times the items; a cost that followed the table would be far above this bound.
    expect(large / small).toBeLessThan(3);
  });
});
