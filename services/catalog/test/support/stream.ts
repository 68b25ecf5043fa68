import { randomUUID } from 'node:crypto';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { decodeInventoryEvent, encodeInventoryEvent, type InventoryEvent } from '@shopeasy/events';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { loadConfig } from '@shopeasy/service-kit/config';
import { newId } from '@shopeasy/service-kit/ids';

/** The emulator's Kinesis (HTTP/1.1 client from the kit). */
export function kinesisClient() {
  return createAwsClients(loadConfig(0, {})).kinesis;
}

/** A stream of its own for a test file, so what a consumer reads is exactly what the test put. */
export async function createTestStream(shards = 2): Promise<{ name: string; drop(): Promise<void> }> {
  const kinesis = kinesisClient();
  const name = `inventory-test-${randomUUID().slice(0, 8)}`;
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  return {
    name,
    async drop() {
      await kinesis.send(new DeleteStreamCommand({ StreamName: name }));
      kinesis.destroy();
    },
  };
}

export function cartEvent(
  productId: string,
  quantityDelta: number,
  type: 'cart.item.added' | 'cart.item.changed' | 'cart.item.removed' = quantityDelta > 0
    ? 'cart.item.added'
    : 'cart.item.removed',
): InventoryEvent {
  return {
    id: newId('evt'),
    type,
    productId,
    userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN',
    quantityDelta,
    occurredAt: new Date().toISOString(),
  };
}

export interface PutResult {
  shardId: string;
  sequenceNumber: string;
}

/**
 * Puts records one after the other (so they keep their order), partition key = product id.
 * `hashKey` routes them to a chosen shard ('0': the first; LAST_HASH_KEY: the last).
 */
export async function putRecords(
  stream: string,
  records: (InventoryEvent | Uint8Array)[],
  hashKey?: string,
): Promise<PutResult[]> {
  const kinesis = kinesisClient();
  const results: PutResult[] = [];
  for (const record of records) {
    const event = record instanceof Uint8Array ? undefined : record;
    const result = await kinesis.send(
      new PutRecordCommand({
        StreamName: stream,
        PartitionKey: event?.productId ?? 'not-an-event',
        Data: event ? encodeInventoryEvent(event) : (record as Uint8Array),
        ...(hashKey ? { ExplicitHashKey: hashKey } : {}),
      }),
    );
    results.push({ shardId: result.ShardId!, sequenceNumber: result.SequenceNumber! });
  }
  kinesis.destroy();
  return results;
}

/** A hash key in the last shard's range (the emulator treats 2^128 − 1 as out of range). */
export const LAST_HASH_KEY = (2n ** 128n - 2n).toString();

/** Every event on every shard of a stream, from the start. */
export async function readStream(stream: string): Promise<InventoryEvent[]> {
  const kinesis = kinesisClient();
  const events: InventoryEvent[] = [];
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
  for (const shard of Shards) {
    let { ShardIterator: iterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: stream,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = page.Records ?? [];
      for (const record of records) {
        try {
          events.push(decodeInventoryEvent(record.Data!));
        } catch {
          // not an inventory event: not what these tests look for
        }
      }
      iterator = records.length > 0 ? page.NextShardIterator : undefined;
    }
  }
  kinesis.destroy();
  return events;
}
