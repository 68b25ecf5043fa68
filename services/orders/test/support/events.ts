import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { parseSnsEnvelope, type DomainEnvelope } from '@shopeasy/events';

export interface EventQueue {
  /** Receives until `until` holds for what arrived so far (or a few seconds pass). */
  collect(until: (events: DomainEnvelope[]) => boolean): Promise<DomainEnvelope[]>;
  stop(): Promise<void>;
}

/** A queue of the test's own subscribed to the events topic, so no other consumer takes messages. */
export async function subscribeToEvents(topicArn: string): Promise<EventQueue> {
  const aws = { endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION };
  const sqs = new SQSClient(aws);
  const sns = new SNSClient(aws);
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `orders-test-${randomUUID()}` })))
    .QueueUrl!;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn }),
  );
  const seen: DomainEnvelope[] = [];
  return {
    async collect(until) {
      for (let round = 0; round < 10 && !until(seen); round += 1) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const m of Messages) seen.push(parseSnsEnvelope(m.Body!));
      }
      return seen;
    },
    async stop() {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}
