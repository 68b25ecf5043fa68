import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  CART_OUTBOX_ATTRIBUTE,
  cartOutboxEvents,
  readCartOutbox,
  type InventoryEvent,
} from '@shopeasy/events';

const clientConfig = () => ({
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}),
});

/**
 * The inventory events about one product that the cart's writes stored in their outboxes, in
 * write order, read back from the cart table's stream as the relay function receives them.
 */
export async function outboxEventsFor(productId: string): Promise<InventoryEvent[]> {
  const dynamo = new DynamoDBClient(clientConfig());
  const streams = new DynamoDBStreamsClient(clientConfig());
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: process.env.CART_TABLE }));
    const StreamArn = Table?.LatestStreamArn;
    if (!StreamArn) throw new Error(`${process.env.CART_TABLE} has no stream`);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const events: InventoryEvent[] = [];
    for (const { ShardId } of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const record of page.Records ?? []) {
          const image = record.dynamodb?.NewImage;
          if (!image) continue;
          const item = unmarshall(image);
          const outbox = readCartOutbox(item[CART_OUTBOX_ATTRIBUTE]);
          if (outbox) events.push(...cartOutboxEvents(item.userId as string, outbox));
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return events.filter((event) => event.productId === productId);
  } finally {
    dynamo.destroy();
    streams.destroy();
  }
}
