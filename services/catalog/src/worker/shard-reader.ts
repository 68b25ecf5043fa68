import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import type { CheckpointStore } from '../domain/inventory-ports.js';
import { faultPause } from '@shopeasy/service-kit/config';

export interface ShardReaderDeps {
  kinesis: KinesisClient;
  streamName: string;
  checkpoints: CheckpointStore;
  /** Records per GetRecords call. */
  batchSize: number;
  /** Applies a batch; a throw leaves it uncheckpointed, to be read again from the checkpoint. */
  handleBatch(shardId: string, records: readonly KinesisRecord[]): Promise<void>;
}

export interface ShardReader {
  readonly shardId: string;
  /** True once a closed shard (after a reshard) has been read to its end. */
  readonly finished: boolean;
  /** Reads and applies one batch, then checkpoints its last record; returns how many it read. */
  poll(): Promise<number>;
}

/**
 * Reads one shard in order. It starts after the shard's checkpoint (TRIM_HORIZON without one),
 * applies a batch and then checkpoints its last record, so a restart resumes where it stopped
 * and at most one batch is read twice (its writes recognise what they already applied).
 */
export function createShardReader(deps: ShardReaderDeps, shardId: string): ShardReader {
  const { kinesis, streamName, checkpoints } = deps;
  let iterator: string | undefined;
  let position: string | undefined;
  let positionLoaded = false;
  let finished = false;

  async function startIterator(): Promise<string | undefined> {
    if (!positionLoaded) {
      position = await checkpoints.getCheckpoint(streamName, shardId);
      positionLoaded = true;
    }
    const result = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ...(position
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: position }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  }

  return {
    shardId,
    get finished() {
      return finished;
    },
    async poll() {
      iterator ??= await startIterator();
      if (!iterator) {
        finished = true;
        return 0;
      }
      let result;
      try {
        result = await kinesis.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: deps.batchSize }),
        );
      } catch (error) {
        // Iterators live five minutes; a fresh one starts after the last record applied.
        if ((error as { name?: string }).name === 'ExpiredIteratorException') iterator = undefined;
        throw error;
      }
      const records = result.Records ?? [];
      try {
        if (records.length > 0) await deps.handleBatch(shardId, records);
      } catch (error) {
        iterator = undefined;
        throw error;
      }
      iterator = result.NextShardIterator;
      // No next iterator: the shard was closed by a reshard and everything in it is read.
      if (!iterator) finished = true;
      position = records.at(-1)?.SequenceNumber ?? position;
      if (records.length > 0) await faultPause('inventory-applied');
      if (records.length > 0 && position) await checkpoints.saveCheckpoint(streamName, shardId, position);
      return records.length;
    },
  };
}
