import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface ConsumerSettings {
  queueUrl: string;
  batchSize: number;
  waitSeconds: number;
  visibilityTimeoutSeconds: number;
}

/** The three SQS calls the worker makes on the feedback queue. */
export function createQueueConsumer(sqs: SQSClient, settings: ConsumerSettings) {
  const { queueUrl } = settings;
  return {
    /** One long poll: up to batchSize messages, each hidden from other consumers while it is worked on. */
    async receive(): Promise<Message[]> {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: settings.batchSize,
          WaitTimeSeconds: settings.waitSeconds,
          VisibilityTimeout: settings.visibilityTimeoutSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      return Messages;
    },

    async delete(message: Message): Promise<void> {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    },

    /** Lets a failed message come back after `seconds` instead of the full visibility timeout. */
    async retryLater(message: Message, seconds: number): Promise<void> {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}

export type QueueConsumer = ReturnType<typeof createQueueConsumer>;

export function receiveCountOf(message: Message): number {
  return Number(message.Attributes?.ApproximateReceiveCount ?? 1);
}
