import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { decodeInventoryEvent, type InventoryEvent } from '@shopeasy/events';
import { createAwsClients } from '@shopeasy/service-kit/aws';

/** Every inventory event on the stream about one product, read back from each shard. */
export async function inventoryEventsFor(productId: string): Promise<InventoryEvent[]> {
  return [...(await inventoryEventsByShard(productId)).values()].flat();
}

/** An inventory event with the shard and partition key it was put with. */
export type PlacedEvent = InventoryEvent & { shardId: string; partitionKey: string };

/** The inventory events about one product, by the shard they landed on. */
export async function inventoryEventsByShard(productId: string): Promise<Map<string, PlacedEvent[]>> {
  const kinesis = createAwsClients({
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
  }).kinesis;
  try {
    const stream = process.env.INVENTORY_STREAM;
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    const byShard = new Map<string, PlacedEvent[]>();
    for (const shard of Shards) {
      const events = await readShard(kinesis, stream, shard.ShardId);
      byShard.set(
        shard.ShardId ?? '',
        events.filter((event) => event.productId === productId),
      );
    }
    return byShard;
  } finally {
    kinesis.destroy();
  }
}

async function readShard(kinesis: KinesisClient, stream: string | undefined, shardId: string | undefined) {
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const events: PlacedEvent[] = [];
  let iterator = ShardIterator;
  while (iterator) {
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    const records = page.Records ?? [];
    for (const record of records)
      if (record.Data)
        events.push({
          ...decodeInventoryEvent(record.Data),
          shardId: shardId ?? '',
          partitionKey: record.PartitionKey ?? '',
        });
    if (records.length === 0) break;
    iterator = page.NextShardIterator;
  }
  return events;
}
