import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from './support/factories.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

const aws = () => ({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
let service: RunningUsersService;
let sqs: SQSClient;
let sns: SNSClient;
let queueUrl: string;
let subscriptionArn: string;

beforeAll(async () => {
  service = await startUsersService();
  sqs = new SQSClient(aws());
  sns = new SNSClient(aws());
  // A queue of this test's own on the topic, so no other consumer takes the message first.
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `users-test-${randomUUID()}` }))).QueueUrl!;
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  subscriptionArn = (
    await sns.send(
      new SubscribeCommand({
        TopicArn: service.config.EVENTS_TOPIC_ARN,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
      }),
    )
  ).SubscriptionArn!;
});

afterAll(async () => {
  await sns?.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
  await sqs?.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  await service?.stop();
});

async function eventsOnQueue(until: (events: Envelope[]) => boolean): Promise<Envelope[]> {
  const seen: Envelope[] = [];
  for (let round = 0; round < 10 && !until(seen); round += 1) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    for (const m of Messages) seen.push(JSON.parse(m.Body!) as Envelope);
  }
  return seen;
}

interface Envelope {
  Message: string;
  MessageAttributes?: Record<string, { Value: string }>;
}

describe('user.registered', () => {
  it('When a customer registers, then a user.registered event with id, email and name reaches the topic', async () => {
    const { user, customer } = await register(service.url);

    const events = await eventsOnQueue((seen) => seen.some((e) => e.Message.includes(user.id)));

    const envelope = events.find((e) => e.Message.includes(user.id));
    expect(envelope?.MessageAttributes?.type?.Value).toBe('user.registered');
    const event = JSON.parse(envelope!.Message) as Record<string, unknown>;
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'user.registered',
      data: { userId: user.id, email: customer.email, name: customer.name },
    });
    expect(envelope!.Message).not.toContain(customer.password);
  });
});
