import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '@shopeasy/resources';
import { unlessConditionFails } from '@shopeasy/service-kit/aws';
import type { CheckpointStore, LeaseStore } from '../domain/inventory-ports.js';
import type { Table } from './dynamo.js';
import { position } from './inventory.js';
import { KEYS, PK, SK } from './keys.js';

const LEASE_KEPT_SECONDS = 24 * 3600;

const leaseKey = (stream: string, shardId: string) => ({ [PK]: `LEASE#${stream}#${shardId}`, [SK]: 'LEASE' });

/**
 * Leases and checkpoints of the inventory stream's shards, beside the catalog's items. A lease
 * (`LEASE#<stream>#<shardId>`) names the one reader of a shard until it expires; the checkpoint
 * says how far the shard is read.
 */
export function shardRepository(table: Table): CheckpointStore & LeaseStore {
  return {
    async getCheckpoint(stream, shardId) {
      const { Item: item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: KEYS.checkpoint(stream, shardId),
          ConsistentRead: true,
        }),
      );
      return item?.sequenceNumber as string | undefined;
    },

    async saveCheckpoint(stream, shardId, sequenceNumber) {
      await unlessConditionFails(() =>
        table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...KEYS.checkpoint(stream, shardId),
              type: 'checkpoint',
              stream,
              shardId,
              sequenceNumber,
              position: position(sequenceNumber),
              updatedAt: new Date().toISOString(),
            },
            // Another consumer may be further along already: a checkpoint only moves forward.
            ConditionExpression: 'attribute_not_exists(#pk) OR #position < :position',
            ExpressionAttributeNames: { '#pk': PK, '#position': 'position' },
            ExpressionAttributeValues: { ':position': position(sequenceNumber) },
          }),
        ),
      );
    },

    async claimLease(stream, shardId, owner, now, expiresAt) {
      const claimed = await unlessConditionFails(() =>
        table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...leaseKey(stream, shardId),
              type: 'lease',
              stream,
              shardId,
              owner,
              leaseUntil: expiresAt,
              // Leases of shards gone after a reshard clean themselves up.
              [TTL_ATTRIBUTE]: Math.floor(expiresAt / 1000) + LEASE_KEPT_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(#pk) OR #owner = :owner OR #until <= :now',
            ExpressionAttributeNames: { '#pk': PK, '#owner': 'owner', '#until': 'leaseUntil' },
            ExpressionAttributeValues: { ':owner': owner, ':now': now },
          }),
        ),
      );
      return claimed !== undefined;
    },

    async releaseLease(stream, shardId, owner) {
      await unlessConditionFails(() =>
        table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: leaseKey(stream, shardId),
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner },
          }),
        ),
      );
    },
  };
}
