import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { parseSnsEnvelope, type DomainEnvelope } from '@shopeasy/events';
import { randomUUID } from 'node:crypto';
import { sqsClient } from './queues.js';

export interface TopicListener {
  /** Takes everything that reached the listener's queue so far; true when something new came. */
  drain(): Promise<boolean>;
  /** review.accepted events of a review seen so far, with their SNS `type` attribute. */
  acceptedEventsOf(reviewId: string): Array<DomainEnvelope & { attributeType: string | undefined }>;
  stop(): Promise<void>;
}

/** A queue of the test's own subscribed to the events topic, so no other consumer takes an event first. */
export async function listenToTopic(topicArn: string): Promise<TopicListener> {
  const sqs = sqsClient();
  const sns = new SNSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `feedback-events-${randomUUID()}` })))
    .QueueUrl!;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn }),
  );
  const seen: Array<DomainEnvelope & { attributeType: string | undefined }> = [];

  return {
    async drain() {
      let got = false;
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) return got;
        got = true;
        for (const message of Messages) {
          const outer = JSON.parse(message.Body!) as {
            MessageAttributes?: Record<string, { Value: string }>;
          };
          seen.push({
            ...parseSnsEnvelope(message.Body!),
            attributeType: outer.MessageAttributes?.type?.Value,
          });
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
        }
      }
    },
    acceptedEventsOf: (reviewId) =>
      seen.filter(
        (e) => e.type === 'review.accepted' && (e.data as { reviewId?: string }).reviewId === reviewId,
      ),
    async stop() {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}
