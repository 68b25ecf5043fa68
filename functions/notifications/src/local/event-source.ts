import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { queueArnFromUrl, toSqsRecord } from './sqs-event.js';

export interface BatchSummary {
  received: number;
  deleted: number;
  failed: number;
  failedIds: string[];
  durationMs: number;
}

export interface EventSourceOptions {
  sqs: SQSClient;
  queueUrl: string;
  region: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** 1-10, as Lambda's SQS event source (default 10). */
  batchSize?: number;
  /** Long-poll wait per receive, 0-20 s (default 20). Stopping does not wait for it. */
  waitTimeSeconds?: number;
  onBatch?: (summary: BatchSummary) => void;
  onError?: (error: unknown) => void;
}

export interface EventSourceMapping {
  /** Stops polling, lets the batch in flight finish (handler and deletes), then resolves. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

/**
 * Lambda's SQS event-source mapping, locally: long-polls the queue, invokes the handler with a
 * real SQSEvent, deletes the records it did not report in batchItemFailures. Failed records are
 * left alone: they become visible again after the queue's visibility timeout, and the queue's
 * redrive policy moves them to the DLQ after maxReceiveCount receives.
 */
export function startEventSourceMapping(options: EventSourceOptions): EventSourceMapping {
  const { sqs, queueUrl, region } = options;
  const batchSize = Math.min(10, Math.max(1, options.batchSize ?? 10));
  const waitTimeSeconds = Math.min(20, Math.max(0, options.waitTimeSeconds ?? 20));
  const onError = options.onError ?? (() => undefined);
  const polling = new AbortController();
  let stopping = false;

  const loop = async () => {
    const queueArn = await resolveQueueArn(sqs, queueUrl, region).catch(() =>
      queueArnFromUrl(queueUrl, region),
    );
    while (!stopping) {
      let messages;
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: waitTimeSeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: polling.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        // A receive cut short by stop() loses nothing: its messages reappear after the timeout.
        if (stopping) break;
        onError(error);
        await sleep(1000);
        continue;
      }
      if (messages.length > 0) await runBatch(messages.map((m) => toSqsRecord(m, queueArn, region)));
    }
  };

  const runBatch = async (records: SQSEvent['Records']) => {
    const started = Date.now();
    let failedIds: string[];
    try {
      const response = await options.handler({ Records: records });
      failedIds = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    } catch (error) {
      // As in Lambda: a handler that throws fails the whole batch.
      onError(error);
      failedIds = records.map((r) => r.messageId);
    }
    const succeeded = records.filter((r) => !failedIds.includes(r.messageId));
    let deleted = 0;
    if (succeeded.length > 0) {
      try {
        const result = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: succeeded.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
          }),
        );
        deleted = result.Successful?.length ?? 0;
      } catch (error) {
        onError(error);
      }
    }
    options.onBatch?.({
      received: records.length,
      deleted,
      failed: failedIds.length,
      failedIds,
      durationMs: Date.now() - started,
    });
  };

  const done = loop();
  return {
    async stop() {
      stopping = true;
      polling.abort();
      await done;
    },
    done,
  };
}

async function resolveQueueArn(sqs: SQSClient, queueUrl: string, region: string): Promise<string> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return result.Attributes?.QueueArn ?? queueArnFromUrl(queueUrl, region);
}
