import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { queueSpec } from '@shopeasy/resources';
import { randomUUID } from 'node:crypto';

export const sqsClient = () =>
  new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });

export interface ReviewQueues {
  queueUrl: string;
  dlqUrl: string;
  /** Messages on the queue, visible or being worked on. */
  depth(): Promise<number>;
  send(body: string): Promise<void>;
  /** Every message that reached the DLQ so far (received once, then kept here). */
  deadLetters(): Promise<Message[]>;
  remove(): Promise<void>;
}

/**
 * A feedback queue and DLQ of one test file's own, with the redrive of the provisioned queue
 * (same maxReceiveCount), so that test files running side by side never take each other's
 * messages.
 */
export async function createReviewQueues(sqs = sqsClient()): Promise<ReviewQueues> {
  const spec = queueSpec('feedbackReviews');
  const name = `feedback-test-${randomUUID()}`;
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  const queueUrl = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: spec.dlq.maxReceiveCount,
          }),
        },
      }),
    )
  ).QueueUrl!;
  const dead: Message[] = [];

  return {
    queueUrl,
    dlqUrl,
    async depth() {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible)
      );
    },
    async send(body) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    },
    async deadLetters() {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 600,
        }),
      );
      dead.push(...Messages);
      return dead;
    },
    async remove() {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: dlqUrl }));
    },
  };
}
