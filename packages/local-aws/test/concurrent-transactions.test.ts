import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, provision, startEmulator, type AwsClients, type Emulator } from '../src/index.js';

let emulator: Emulator;
let clients: AwsClients;
let table: string;
let racer: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  const env = await provision({ endpoint: emulator.endpoint });
  table = env.USERS_TABLE;
  clients = createClients(emulator.endpoint, env.AWS_REGION);
  // No SDK retries: an emulator error must show, not be retried away.
  racer = new DynamoDBClient({
    endpoint: emulator.endpoint,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  // A table with some data: a failed transaction must not roll other writes back.
  for (let batch = 0; batch < 80; batch++) {
    await clients.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table]: Array.from({ length: 25 }, (_, i) => ({
            PutRequest: { Item: { pk: { S: `FILL#${batch}-${i}` }, sk: { S: 'X' } } },
          })),
        },
      }),
    );
  }
});

afterAll(async () => {
  clients?.destroy();
  racer?.destroy();
  await emulator?.stop();
});

describe('DynamoDB transactions in the emulator', () => {
  it('When 40 conditional transactions race for one key, then exactly one wins and the others are cancelled cleanly', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        racer.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { pk: { S: 'CLAIM#race' }, sk: { S: 'CLAIM' }, winner: { N: String(i) } },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Put: { TableName: table, Item: { pk: { S: `ENTRY#${i}` }, sk: { S: 'X' } } } },
            ],
          }),
        ),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).name] : []));
    expect(won).toHaveLength(1);
    expect(errors).toEqual(Array(39).fill('TransactionCanceledException'));
    const claim = await clients.dynamodb.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'CLAIM#race' }, sk: { S: 'CLAIM' } } }),
    );
    const winner = claim.Item?.winner?.N;
    const entry = await clients.dynamodb.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: `ENTRY#${winner}` }, sk: { S: 'X' } } }),
    );
    expect(entry.Item).toBeDefined();
  });
});
