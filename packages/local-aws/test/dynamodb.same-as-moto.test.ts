import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPair, type Pair } from './support/plain-moto.js';

// The emulator answers DynamoDB from one partition and undoes failed transactions item by item
// (python/dynamodb_at_scale/). Here the same seeded sequence of writes, transactions and
// queries goes to it and to unpatched moto, and every answer must be the same.

type Item = Record<string, AttributeValue>;
const TABLE = 'same-as-moto';

let pair: Pair;
let ours: DynamoDBClient;
let reference: DynamoDBClient;

beforeAll(async () => {
  pair = await startPair();
  ({ ours, reference } = pair);
  await both(new CreateTableCommand(tableDefinition()));
});

afterAll(() => pair?.stop());

/** The commands the comparison sends. */
type SentCommand =
  CreateTableCommand | BatchWriteItemCommand | QueryCommand | ScanCommand | ReturnType<typeof randomWrite>;

/** Sends one command to both and returns the two answers, normalised. */
async function both(command: SentCommand) {
  const answer = (client: DynamoDBClient) =>
    client.send(command as never).then(
      (output) => {
        const { $metadata: _, ...rest }: Record<string, unknown> = { ...output };
        return { ok: rest };
      },
      (error: Error & { CancellationReasons?: unknown }) => ({
        error: error.name,
        reasons: error.CancellationReasons,
      }),
    );
  const [mine, theirs] = [await answer(ours), await answer(reference)];
  return { mine: setsSorted(mine), theirs: setsSorted(theirs) };
}

/** DynamoDB sets have no order (moto's follows Python's hashing), so they are compared sorted. */
function setsSorted<T>(value: T): T {
  if (Array.isArray(value)) return value.map(setsSorted) as T;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      ['SS', 'NS'].includes(key) && Array.isArray(inner)
        ? [...(inner as string[])].sort()
        : setsSorted(inner),
    ]),
  ) as T;
}

function tableDefinition() {
  const s = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const n = (name: string) => ({ AttributeName: name, AttributeType: 'N' as const });
  const all = { ProjectionType: 'ALL' as const };
  return {
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      s('pk'),
      s('sk'),
      s('cat'),
      n('price'),
      s('tag'),
      s('created'),
      s('kind'),
      n('score'),
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byCat',
        KeySchema: [
          { AttributeName: 'cat', KeyType: 'HASH' as const },
          { AttributeName: 'price', KeyType: 'RANGE' as const },
        ],
        Projection: all,
      },
      {
        IndexName: 'byTag',
        KeySchema: [
          { AttributeName: 'tag', KeyType: 'HASH' as const },
          { AttributeName: 'created', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: ['price'] },
      },
      {
        IndexName: 'byKind',
        KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' as const }],
        Projection: all,
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byScore',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' as const },
          { AttributeName: 'score', KeyType: 'RANGE' as const },
        ],
        Projection: all,
      },
    ],
  };
}

/** mulberry32: the same sequence on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!,
  };
}

const rnd = random(20261130);
const CATS = ['lamps', 'chairs', 'rugs', 'desks'];
const TAGS = ['new', 'sale', 'eco'];
const key = () => ({ pk: { S: `P#${rnd.int(40)}` }, sk: { S: `S#${rnd.int(6)}` } });

function randomItem(): Item {
  const item: Item = { ...key(), score: { N: String(rnd.int(50)) }, note: { S: `n${rnd.int(1000)}` } };
  if (rnd.chance(0.8)) item.cat = { S: rnd.pick(CATS) };
  // Equal prices in one category: the order then falls back to the table's key, as DynamoDB's does.
  item.price = { N: String(rnd.int(30) * 100) };
  if (rnd.chance(0.6)) item.tag = { S: rnd.pick(TAGS) };
  item.created = { S: `2026-11-${String(1 + rnd.int(28)).padStart(2, '0')}T${rnd.int(24)}` };
  if (rnd.chance(0.5)) item.kind = { S: 'product' };
  // Every kind of attribute value, so that the answers' encoding is compared too.
  if (rnd.chance(0.5))
    item.details = {
      M: {
        colours: { L: [{ S: 'red' }, { N: String(rnd.int(9)) }, { BOOL: rnd.chance(0.5) }] },
        sizes: { SS: ['S', 'M', `L${rnd.int(3)}`] },
        weights: { NS: ['1.5', String(rnd.int(90))] },
        thumbnail: { B: new Uint8Array([rnd.int(256), 0, 255, rnd.int(256)]) },
        discontinued: { NULL: true },
      },
    };
  return item;
}

function randomWrite() {
  const roll = rnd.int(5);
  if (roll === 0) return new PutItemCommand({ TableName: TABLE, Item: randomItem() });
  if (roll === 1)
    return new PutItemCommand({
      TableName: TABLE,
      Item: randomItem(),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  if (roll === 2)
    return new UpdateItemCommand({
      TableName: TABLE,
      Key: key(),
      UpdateExpression: rnd.chance(0.5) ? 'SET price = :p, cat = :c' : 'SET price = :p REMOVE cat, tag',
      ExpressionAttributeValues: {
        ':p': { N: String(rnd.int(30) * 100) },
        ...(rnd.chance(0.5) ? { ':c': { S: rnd.pick(CATS) } } : { ':c': { S: 'desks' } }),
      },
      ...(rnd.chance(0.3) ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
      ReturnValues: 'ALL_NEW',
    });
  if (roll === 3)
    return new DeleteItemCommand({
      TableName: TABLE,
      Key: key(),
      ...(rnd.chance(0.5)
        ? { ConditionExpression: 'price > :p', ExpressionAttributeValues: { ':p': { N: '1000' } } }
        : {}),
      ReturnValues: 'ALL_OLD',
    });
  return randomTransaction();
}

function randomTransaction() {
  const ops = Array.from({ length: 2 + rnd.int(3) }, () => {
    const roll = rnd.int(4);
    if (roll === 0) return { Put: { TableName: TABLE, Item: randomItem() } };
    if (roll === 1)
      return {
        Update: {
          TableName: TABLE,
          Key: key(),
          UpdateExpression: 'SET price = :p, kind = :k',
          ExpressionAttributeValues: { ':p': { N: String(rnd.int(30) * 100) }, ':k': { S: 'product' } },
        },
      };
    if (roll === 2)
      return {
        Delete: {
          TableName: TABLE,
          Key: key(),
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      };
    return {
      ConditionCheck: {
        TableName: TABLE,
        Key: key(),
        ConditionExpression: 'price < :p',
        ExpressionAttributeValues: { ':p': { N: String(rnd.int(30) * 100) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  });
  return new TransactWriteItemsCommand({ TransactItems: ops });
}

function randomQuery(): QueryCommandInput {
  const forward = rnd.chance(0.5);
  const limit = rnd.chance(0.7) ? 1 + rnd.int(7) : undefined;
  const roll = rnd.int(6);
  const base = {
    TableName: TABLE,
    ScanIndexForward: forward,
    Limit: limit,
    ...(rnd.chance(0.2)
      ? {
          ProjectionExpression: 'pk, sk, price, details.sizes, #n',
          ExpressionAttributeNames: { '#n': 'note' },
        }
      : {}),
  };
  if (roll === 0)
    return {
      ...base,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `P#${rnd.int(40)}` } },
    };
  if (roll === 1)
    return {
      ...base,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': { S: `P#${rnd.int(40)}` }, ':a': { S: 'S#1' }, ':b': { S: 'S#4' } },
    };
  if (roll === 2)
    return {
      ...base,
      IndexName: 'byCat',
      KeyConditionExpression: 'cat = :c',
      ExpressionAttributeValues: { ':c': { S: rnd.pick(CATS) }, ...(rnd.chance(0.5) ? {} : {}) },
      ...(rnd.chance(0.3) ? { FilterExpression: 'attribute_exists(tag)' } : {}),
    };
  if (roll === 3)
    return {
      ...base,
      IndexName: 'byCat',
      KeyConditionExpression: 'cat = :c AND price BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':c': { S: rnd.pick(CATS) }, ':lo': { N: '500' }, ':hi': { N: '2000' } },
    };
  if (roll === 4)
    return {
      ...base,
      IndexName: 'byTag',
      KeyConditionExpression: 'tag = :t AND begins_with(created, :d)',
      ExpressionAttributeValues: { ':t': { S: rnd.pick(TAGS) }, ':d': { S: '2026-11-1' } },
    };
  return rnd.chance(0.5)
    ? {
        ...base,
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': { S: 'product' } },
      }
    : {
        ...base,
        IndexName: 'byScore',
        KeyConditionExpression: 'pk = :pk AND score > :s',
        ExpressionAttributeValues: { ':pk': { S: `P#${rnd.int(40)}` }, ':s': { N: '20' } },
      };
}

/** Every page of a query, from both, compared page by page. */
async function comparePages(input: QueryCommandInput, label: string) {
  let start: Item | undefined;
  for (let page = 0; page < 200; page++) {
    const { mine, theirs } = await both(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    expect(mine, `${label}, page ${page}: ${JSON.stringify(input)}`).toEqual(theirs);
    start = 'ok' in mine ? (mine.ok.LastEvaluatedKey as Item | undefined) : undefined;
    if (!start) return page + 1;
  }
  throw new Error(`${label}: more than 200 pages`);
}

describe('the emulator DynamoDB answers as moto does', () => {
  it('When the same writes, transactions and queries go to both, then every answer is the same', async () => {
    for (let batch = 0; batch < 8; batch++) {
      const items = new Map<string, Item>();
      while (items.size < 25) {
        const item = randomItem();
        items.set(`${item.pk!.S}|${item.sk!.S}`, item);
      }
      const { mine, theirs } = await both(
        new BatchWriteItemCommand({
          RequestItems: { [TABLE]: [...items.values()].map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      expect(mine).toEqual(theirs);
    }

    const outcomes = { writes: 0, failed: 0, cancelled: 0, pages: 0 };
    for (let step = 0; step < 200; step++) {
      if (rnd.chance(0.6)) {
        const { mine, theirs } = await both(randomWrite());
        expect(mine, `write ${step}`).toEqual(theirs);
        outcomes.writes += 1;
        if ('error' in mine)
          outcomes[mine.error === 'TransactionCanceledException' ? 'cancelled' : 'failed'] += 1;
      } else {
        outcomes.pages += await comparePages(randomQuery(), `query ${step}`);
      }
    }
    // A duplicate key in one transaction is refused whole, after earlier members were applied.
    const dup = key();
    const refused = await both(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { ...randomItem(), pk: { S: 'P#dup' }, sk: { S: 'S#0' } } } },
          { Put: { TableName: TABLE, Item: { ...randomItem(), ...dup } } },
          { Delete: { TableName: TABLE, Key: dup } },
        ],
      }),
    );
    expect(refused.mine).toEqual(refused.theirs);
    expect(refused.mine).toMatchObject({ error: 'ValidationException' });

    const scan = await both(new ScanCommand({ TableName: TABLE }));
    expect(scan.mine).toEqual(scan.theirs);
    console.log(
      `same as moto: ${JSON.stringify(outcomes)}, ${(scan.mine as { ok: { Count: number } }).ok.Count} items at the end`,
    );
    // The sequence really exercised failures and paging, not only the happy path.
    expect(outcomes.failed).toBeGreaterThan(10);
    expect(outcomes.cancelled).toBeGreaterThan(10);
    expect(outcomes.pages).toBeGreaterThan(150);
  }, 240_000);
});
