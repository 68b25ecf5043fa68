import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { emulatorEnv } from './events.js';

export const sqs = new SQSClient({
  region: emulatorEnv().AWS_REGION,
  endpoint: emulatorEnv().AWS_ENDPOINT_URL,
});

/** A queue of the test's own, optionally with a DLQ after `maxReceiveCount` receives. */
export async function createTestQueue(options: { visibilityTimeout: number; maxReceiveCount?: number }) {
  const name = `test-notifications-${randomUUID().slice(0, 8)}`;
  let dlqUrl: string | undefined;
  const attributes: Record<string, string> = { VisibilityTimeout: String(options.visibilityTimeout) };
  if (options.maxReceiveCount !== undefined) {
    dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
    const arn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: arn,
      maxReceiveCount: options.maxReceiveCount,
    });
  }
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  return { name, url, dlqUrl };
}

/** Visible plus in-flight messages of a queue. */
export async function messagesIn(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

/** How long the queue tests wait on the emulator, and how often they look. */
export const QUEUE_WAIT = { timeoutMs: 30_000, intervalMs: 200 };

/** Receives (and leaves in place) whatever the queue holds, waiting up to `waitSeconds`. */
export async function peek(queueUrl: string, waitSeconds = 1): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: 0,
    }),
  );
  return Messages;
}
