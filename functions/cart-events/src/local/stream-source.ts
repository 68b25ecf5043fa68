import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { deliverBatch, type BatchSummary, type SkippedRange } from './deliver-batch.js';
import { listShards, readable } from './shards.js';

export type { BatchSummary, SkippedRange } from './deliver-batch.js';

export interface StreamSourceOptions {
  /** Finds the table's stream (DescribeTable): the mapping's configuration, not a call of the function. */
  dynamodb: DynamoDBClient;
  /** Reads the stream: Lambda polls with the function's role, so these calls are the function's. */
  streams: DynamoDBStreamsClient;
  tableName: string;
  region: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  /** Records per invocation, 1-1000 (default 100, Lambda's default for DynamoDB streams). */
  batchSize?: number;
  /** Pause when no shard had records (default 250 ms: Lambda polls a stream about 4 times a second). */
  pollMs?: number;
  /** Invocations of one failing record before its range is given up (default 11: 10 retries, as the cloud's mapping). */
  maxAttempts?: number;
  /** Back-off after the first failed attempt, doubling up to `maxRetryDelayMs` (defaults 500 and 8,000 ms). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Where the position in each shard is kept; without one a start reads from TRIM_HORIZON. */
  checkpointFile?: string;
  onBatch?: (summary: BatchSummary) => void;
  /** Records given up after `maxAttempts` (what the on-failure destination would receive in AWS). */
  onGiveUp?: (skipped: SkippedRange) => void;
  onError?: (error: unknown) => void;
}

export interface StreamSource {
  /** Stops polling, lets the batch in flight finish, then resolves. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended; rejects when the table has no stream. */
  readonly done: Promise<void>;
}

// DescribeStream is limited to 10 calls a second per stream in AWS; new shards appear every few hours.
const SHARD_LIST_MS = 10_000;

/**
 * Lambda's DynamoDB stream event source, locally: reads each shard of the table's stream in order
 * (a parent before its children), invokes the handler with batches of a real DynamoDBStreamEvent,
 * retries from the first failed record (ReportBatchItemFailures) with back-off, gives a range up
 * after `maxAttempts`, and keeps its position per shard in `checkpointFile` after every batch.
 */
export function startStreamSource(options: StreamSourceOptions): StreamSource {
  const { streams, region } = options;
  const batchSize = Math.min(1000, Math.max(1, options.batchSize ?? 100));
  const onError = options.onError ?? (() => undefined);
  const wake = new AbortController();
  let stopping = false;
  const pause = (ms: number) => sleep(ms, undefined, { signal: wake.signal }).catch(() => undefined);

  const latestStreamArn = async () => {
    const table = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`Table ${options.tableName} has no stream`);
    return arn;
  };

  const loop = async () => {
    let streamArn = await latestStreamArn();
    let checkpoint = readCheckpoint(options.checkpointFile, streamArn);
    const iterators = new Map<string, string>();
    let shards: Shard[] = [];
    let listedAt = -Infinity;

    const iteratorAt = async (shardId: string): Promise<string | undefined> => {
      const after = checkpoint.shards[shardId]?.sequenceNumber;
      const at = after
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after }
        : { ShardIteratorType: 'TRIM_HORIZON' as const };
      try {
        return (
          await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...at }))
        ).ShardIterator;
      } catch (error) {
        if (!(error instanceof TrimmedDataAccessException)) throw error;
        onError(new Error(`Records of ${shardId} after ${after} were trimmed before they were relayed`));
        delete checkpoint.shards[shardId]?.sequenceNumber;
        return iteratorAt(shardId);
      }
    };

    // One GetRecords page of a shard, delivered; answers how many records it had.
    const readShard = async (shardId: string): Promise<number> => {
      const iterator = iterators.get(shardId) ?? (await iteratorAt(shardId));
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      } catch (error) {
        iterators.delete(shardId);
        // An iterator lives 15 minutes; a new one starts from the checkpoint.
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)
          return 0;
        throw error;
      }
      const records: StreamRecord[] = page.Records ?? [];
      if (records.length > 0) {
        const save = (last: StreamRecord) => {
          checkpoint.shards[shardId] = { sequenceNumber: last.dynamodb?.SequenceNumber };
          writeCheckpoint(options.checkpointFile, checkpoint);
        };
        const finished = await deliverBatch({
          ...options,
          streamArn,
          region,
          shardId,
          records,
          save,
          pause,
          stopping: () => stopping,
        });
        if (!finished) return records.length;
      }
      if (page.NextShardIterator) iterators.set(shardId, page.NextShardIterator);
      else {
        // A closed shard read to its end: its children come next.
        iterators.delete(shardId);
        checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], ended: true };
        writeCheckpoint(options.checkpointFile, checkpoint);
        listedAt = -Infinity;
      }
      return records.length;
    };

    while (!stopping) {
      try {
        if (performance.now() - listedAt > SHARD_LIST_MS) {
          // A table created again (an emulator reset) has a new stream, read from its start.
          const latest = await latestStreamArn();
          if (latest !== streamArn) {
            [streamArn, checkpoint] = [latest, readCheckpoint(options.checkpointFile, latest)];
            iterators.clear();
          }
          shards = await listShards(streams, streamArn, checkpoint);
          listedAt = performance.now();
        }
        let read = 0;
        for (const shard of readable(shards, checkpoint)) if (!stopping) read += await readShard(shard);
        if (read === 0) await pause(options.pollMs ?? 250);
      } catch (error) {
        if (stopping) break;
        onError(error);
        await pause(1000);
      }
    }
  };

  const done = loop();
  return {
    async stop() {
      stopping = true;
      wake.abort();
      await done;
    },
    done,
  };
}
