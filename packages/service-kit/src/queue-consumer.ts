import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import { inConsumerSpan, messageTraceCarrier, untraced } from './telemetry/trace-context.js';

export interface QueueConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  logger: Logger;
  /** Names the consumer in its log lines (`<name> consumer started`). */
  name: string;
  batchSize: number;
  /** Long-poll wait (0–20 s). */
  waitSeconds: number;
  visibilityTimeoutSeconds: number;
  /** Seconds until a failed message comes back, by how often it was received. */
  retryDelaySeconds(receives: number): number;
  /** Processes one message: resolving deletes it; throwing leaves it to come back (then the DLQ). */
  handle(message: Message, receives: number): Promise<void>;
  /**
   * Messages of a batch with the same key are handled one after the other, different keys in
   * parallel. Without it the whole batch is handled in order.
   */
  orderingKey?(message: Message): string | undefined;
  /**
   * Cut a waiting long poll short on stop (a message it took comes back after its visibility
   * timeout), instead of letting it finish — a faster stop against a later redelivery.
   */
  abortPollOnStop?: boolean;
  /** `StreamLag` (consumer=`name`): how long each message waited in the queue before it was handled. */
  metrics?: Pick<ServiceMetrics, 'duration'>;
}

export interface RunningQueueConsumer {
  /** Stops polling, lets the batch in hand finish, and resolves when idle. */
  stop(): Promise<void>;
}

const POLL_ERROR_PAUSE_MS = 1000;

/**
 * The one SQS consumer loop of the services: long polls with bounded batches; a message is
 * deleted only after it was handled; a failing one gets a backoff (ChangeMessageVisibility) and,
 * after the queue's maxReceiveCount receives, SQS moves it to the DLQ. Nothing is lost while no
 * consumer runs: messages wait in the queue.
 */
export function startQueueConsumer(options: QueueConsumerOptions): RunningQueueConsumer {
  const { sqs, queueUrl, logger, name } = options;
  const abort = new AbortController();
  let stopping = false;
  let wake: () => void = () => {};

  const settle = async (message: Message) => {
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
    const sent = Number(message.Attributes?.SentTimestamp);
    if (sent > 0) options.metrics?.duration('StreamLag', Date.now() - sent, { consumer: name });
    try {
      await inConsumerSpan(`process ${name}`, messageTraceCarrier(message), () =>
        options.handle(message, receives),
      );
    } catch (error) {
      const delay = options.retryDelaySeconds(receives);
      logger.warn(
        { err: error, consumer: name, messageId: message.MessageId, receives, retryInSeconds: delay },
        'message failed; it comes back later, then goes to the DLQ',
      );
      await sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: delay,
          }),
        )
        // The message still comes back, after the full visibility timeout.
        .catch((cause: unknown) =>
          logger.warn({ err: cause, messageId: message.MessageId }, 'retry delay not set'),
        );
      return;
    }
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  };

  // Polls make no spans (an idle queue would fill the trace viewer); each message's handling does.
  const loop = untraced(async () => {
    logger.info({ consumer: name, queueUrl }, `${name} consumer started`);
    while (!stopping) {
      let messages: Message[];
      try {
        const result = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: options.waitSeconds,
            VisibilityTimeout: options.visibilityTimeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
            MessageAttributeNames: ['All'],
          }),
          options.abortPollOnStop ? { abortSignal: abort.signal } : {},
        );
        messages = result.Messages ?? [];
      } catch (error) {
        if (stopping) break; // the poll was cut short by stop()
        logger.error({ err: error, consumer: name, queueUrl }, 'queue could not be polled');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, POLL_ERROR_PAUSE_MS).unref();
        });
        continue;
      }
      await Promise.all(
        groups(messages, options.orderingKey).map(async (group) => {
          for (const message of group) await settle(message);
        }),
      );
    }
    logger.info({ consumer: name, queueUrl }, `${name} consumer stopped`);
  });

  return {
    async stop() {
      stopping = true;
      if (options.abortPollOnStop) abort.abort();
      wake();
      await loop;
    },
  };
}

function groups(messages: Message[], key: QueueConsumerOptions['orderingKey']): Message[][] {
  if (!key) return [messages];
  const byKey = new Map<string, Message[]>();
  for (const message of messages) {
    const k = key(message) ?? message.MessageId ?? String(byKey.size);
    byKey.set(k, [...(byKey.get(k) ?? []), message]);
  }
  return [...byKey.values()];
}
