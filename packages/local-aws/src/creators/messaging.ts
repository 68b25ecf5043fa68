import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  type Subscription,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { errorName, tagList, type Creator, type CreatorContext, type Props } from './types.js';

/** Queue properties that SQS takes as attributes. KMS ones are left out (no local keys). */
const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** AWS::SQS::Queue, including the RedrivePolicy (its DLQ ARN is already resolved). */
export const createQueue: Creator = async (props, { clients, account }) => {
  const name = String(props.QueueName);
  const attributes: Record<string, string> = {};
  for (const key of QUEUE_ATTRIBUTES) if (props[key] !== undefined) attributes[key] = json(props[key]);
  let url = await queueUrl(name, account, clients);
  if (url) {
    await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  } else {
    if (props.FifoQueue) attributes.FifoQueue = 'true';
    const tags = Object.fromEntries(tagList(props).map((t) => [t.Key, t.Value]));
    const created = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags }),
    );
    url = created.QueueUrl!;
  }
  const arn = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { Ref: url, QueueUrl: url, QueueName: name, Arn: arn.Attributes!.QueueArn! };
};

async function queueUrl(name: string, account: string, clients: CreatorContext['clients']) {
  try {
    return (
      await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }))
    ).QueueUrl;
  } catch (error) {
    if (/QueueDoesNotExist|NonExistentQueue/.test(errorName(error))) return undefined;
    throw error;
  }
}

/** AWS::SQS::QueuePolicy: the policy document on every listed queue. */
export const createQueuePolicy: Creator = async (props, { clients, logicalId }) => {
  for (const url of props.Queues as string[]) {
    await clients.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: json(props.PolicyDocument) } }),
    );
  }
  return { Ref: logicalId };
};

/** AWS::SNS::Topic (CreateTopic is idempotent by name). */
export const createTopic: Creator = async (props, { clients }) => {
  const attributes: Record<string, string> = {};
  if (props.FifoTopic) attributes.FifoTopic = 'true';
  if (props.ContentBasedDeduplication) attributes.ContentBasedDeduplication = 'true';
  if (props.DisplayName) attributes.DisplayName = String(props.DisplayName);
  const name = String(props.TopicName);
  const created = await clients.sns.send(
    new CreateTopicCommand({ Name: name, Attributes: attributes, Tags: tagList(props) }),
  );
  const arn = created.TopicArn!;
  return { Ref: arn, TopicArn: arn, TopicName: name };
};

/** AWS::SNS::TopicPolicy. */
export const createTopicPolicy: Creator = async (props, { clients, logicalId }) => {
  for (const arn of props.Topics as string[]) {
    await clients.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: arn,
        AttributeName: 'Policy',
        AttributeValue: json(props.PolicyDocument),
      }),
    );
  }
  return { Ref: logicalId };
};

/** AWS::SNS::Subscription with FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy. */
export const createSubscription: Creator = async (props, { clients }) => {
  const topicArn = String(props.TopicArn);
  const attributes = subscriptionAttributes(props);
  const existing = await findSubscription(topicArn, String(props.Protocol), String(props.Endpoint), clients);
  let arn = existing?.SubscriptionArn;
  if (arn) {
    for (const [name, value] of Object.entries(attributes)) {
      await clients.sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: arn,
          AttributeName: name,
          AttributeValue: value,
        }),
      );
    }
  } else {
    const created = await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: String(props.Protocol),
        Endpoint: String(props.Endpoint),
        Attributes: attributes,
        ReturnSubscriptionArn: true,
      }),
    );
    arn = created.SubscriptionArn!;
  }
  return { Ref: arn, Arn: arn };
};

function subscriptionAttributes(props: Props): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (props.FilterPolicy !== undefined) attributes.FilterPolicy = json(props.FilterPolicy);
  if (props.FilterPolicyScope !== undefined) attributes.FilterPolicyScope = String(props.FilterPolicyScope);
  if (props.RawMessageDelivery !== undefined)
    attributes.RawMessageDelivery = String(props.RawMessageDelivery);
  if (props.RedrivePolicy !== undefined) attributes.RedrivePolicy = json(props.RedrivePolicy);
  return attributes;
}

async function findSubscription(
  topicArn: string,
  protocol: string,
  endpoint: string,
  clients: CreatorContext['clients'],
): Promise<Subscription | undefined> {
  let NextToken: string | undefined;
  do {
    const page = await clients.sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }),
    );
    const match = page.Subscriptions?.find((s) => s.Protocol === protocol && s.Endpoint === endpoint);
    if (match) return match;
    NextToken = page.NextToken;
  } while (NextToken);
  return undefined;
}
