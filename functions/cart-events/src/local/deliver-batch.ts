import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { toStreamRecord } from './stream-event.js';

/** One invocation of the handler. */
export interface BatchSummary {
  shardId: string;
  records: number;
  /** Records from the first one the handler failed (all of them when it threw). */
  failed: number;
  /** 1 for a batch's first invocation, counting up while its first record keeps failing. */
  attempt: number;
  durationMs: number;
}

/** The records given up after the last attempt: what the on-failure destination would receive. */
export interface SkippedRange {
  shardId: string;
  firstSequenceNumber: string;
  lastSequenceNumber: string;
  records: number;
  attempts: number;
}

export interface DeliveryOptions {
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  streamArn: string;
  region: string;
  shardId: string;
  records: StreamRecord[];
  maxAttempts?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Keeps the position after this record: every record up to it is done with. */
  save(last: StreamRecord): void;
  pause(ms: number): Promise<void>;
  stopping(): boolean;
  onBatch?: (summary: BatchSummary) => void;
  onGiveUp?: (skipped: SkippedRange) => void;
  onError?: (error: unknown) => void;
}

const sequenceOf = (record: StreamRecord) => record.dynamodb?.SequenceNumber ?? '';

/**
 * Invokes the handler with one GetRecords page until every record of it is done with: handled,
 * or given up after `maxAttempts` invocations that failed on the same first record. A retry
 * starts at the first record the handler failed, so those before it are never sent again.
 * Answers false when stopping cut the retries short (the position stays before the failed record).
 */
export async function deliverBatch(options: DeliveryOptions): Promise<boolean> {
  const maxAttempts = options.maxAttempts ?? 11;
  let pending = options.records;
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const started = performance.now();
    const failedAt = await invoke(options, pending);
    const handled = failedAt === -1 ? pending : pending.slice(0, failedAt);
    if (handled.length > 0) options.save(handled.at(-1)!);
    options.onBatch?.({
      shardId: options.shardId,
      records: pending.length,
      failed: pending.length - handled.length,
      attempt,
      durationMs: Math.round(performance.now() - started),
    });
    if (failedAt === -1) return true;
    // Progress: the record that failed now is a new one, with attempts of its own.
    if (failedAt > 0) attempt = 1;
    pending = pending.slice(failedAt);
    if (attempt >= maxAttempts) {
      options.onGiveUp?.({
        shardId: options.shardId,
        firstSequenceNumber: sequenceOf(pending[0]!),
        lastSequenceNumber: sequenceOf(pending.at(-1)!),
        records: pending.length,
        attempts: attempt,
      });
      options.save(pending.at(-1)!);
      return true;
    }
    const first = options.retryDelayMs ?? 500;
    await options.pause(Math.min(first * 2 ** (attempt - 1), options.maxRetryDelayMs ?? 8000));
    if (options.stopping()) return false;
  }
}

/** The index of the first record the invocation failed, or -1 when it failed none. */
async function invoke(options: DeliveryOptions, records: StreamRecord[]): Promise<number> {
  let response: DynamoDBBatchResponse | void;
  try {
    const event = { Records: records.map((r) => toStreamRecord(r, options.streamArn, options.region)) };
    response = await options.handler(event);
  } catch (error) {
    // As in Lambda: a handler that throws fails the whole batch.
    options.onError?.(error);
    return 0;
  }
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return -1;
  const indexes = failures.map((f) => records.findIndex((r) => sequenceOf(r) === f.itemIdentifier));
  // Lambda fails the whole batch when an identifier names no record of it; otherwise it resumes
  // from the lowest sequence number reported.
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
}
