import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { Logger } from '@aws-lambda-powertools/logger';
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  decodeInventoryEvent,
  putInventoryEvents,
  type CartOutbox,
  type InventoryEvent,
} from '@shopeasy/events';
import { localEnvironment } from '@shopeasy/resources';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { createRelay } from '../../src/relay.js';

export const clientConfig = () => ({
  region: process.env.AWS_REGION ?? 'us-east-1',
  endpoint: process.env.AWS_ENDPOINT_URL,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const inventoryStream = () => process.env.INVENTORY_STREAM ?? localEnvironment().INVENTORY_STREAM;

export const clients = () => ({
  dynamodb: new DynamoDBClient(clientConfig()),
  streams: new DynamoDBStreamsClient(clientConfig()),
  // HTTP/1.1: the emulator does not speak the HTTP/2 the Kinesis client defaults to.
  kinesis: createAwsClients({ AWS_REGION: clientConfig().region, AWS_ENDPOINT_URL: clientConfig().endpoint })
    .kinesis,
});

/** The function's relay, putting on the local inventory stream through `kinesis`. */
export function relayTo(kinesis: KinesisClient) {
  return createRelay({
    put: (events) => putInventoryEvents(kinesis, inventoryStream(), events),
    logger: new Logger({ serviceName: 'cart-events' }),
  });
}

/** A cart table of the test's own, shaped like the CDK's (pk/sk, NEW_IMAGE stream). */
export async function createCartTable(dynamodb: DynamoDBClient): Promise<string> {
  const tableName = `shopeasy-local-cart-${randomUUID().slice(0, 8)}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  return tableName;
}

let eventCount = 0;

/** A cart write as the cart service makes it: the cart item with the outbox of this write's events. */
export async function writeCart(
  dynamodb: DynamoDBClient,
  tableName: string,
  userId: string,
  changes: [productId: string, quantityDelta: number][],
): Promise<void> {
  const outbox: CartOutbox | undefined =
    changes.length === 0
      ? undefined
      : {
          occurredAt: new Date().toISOString(),
          events: changes.map(([productId, quantityDelta]) => ({
            id: `evt_${randomUUID()}_${eventCount++}`,
            type: quantityDelta > 0 ? 'cart.item.added' : 'cart.item.removed',
            productId,
            quantityDelta,
          })),
        };
  const item = { pk: `CART#${userId}`, sk: 'CART', userId, lines: [], ...(outbox ? { outbox } : {}) };
  await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) }));
}

/** The cart events of these shoppers on the local inventory stream, in stream order per shard. */
export async function inventoryEventsOf(
  kinesis: KinesisClient,
  userIds: readonly string[],
): Promise<InventoryEvent[]> {
  const StreamName = inventoryStream();
  const events: InventoryEvent[] = [];
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName }));
  for (const { ShardId } of Shards) {
    let { ShardIterator: iterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      events.push(...(page.Records ?? []).map((r) => decodeInventoryEvent(r.Data!)));
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  return events.filter((e) => 'userId' in e && userIds.includes(e.userId));
}

/** Waits for a condition, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
