import { randomUUID } from 'node:crypto';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { GetBucketVersioningCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { GetEmailIdentityCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishCommand,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  TABLES,
  localEnvironment,
  type LocalEnvironment,
} from '@shopeasy/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClients,
  isRunning,
  provisionTemplate,
  resourcesOfType,
  startEmulator,
  synthDataTemplate,
  type AwsClients,
  type Emulator,
  type Template,
} from '../src/index.js';

type Props = Record<string, unknown>;
const arn = (service: string, name: string) => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`;

let template: Template;
let emulator: Emulator;
let clients: AwsClients;
let env: LocalEnvironment;

/** Template properties of a resource referenced by `Ref` or `Fn::GetAtt`. */
function target(reference: unknown): Props {
  const ref = reference as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = ref.Ref ?? ref['Fn::GetAtt']?.[0];
  const props = id ? template.Resources[id]?.Properties : undefined;
  if (!props) throw new Error(`Unresolvable reference ${JSON.stringify(reference)}`);
  return props;
}

/** Every resource of a type in the template; a type the test checks must be present at all. */
function each(type: string) {
  const found = resourcesOfType(template, type).map(([id, r]) => [id, r.Properties as Props] as const);
  expect(found.length, `${type} in the template`).toBeGreaterThan(0);
  return found;
}

async function queueAttributes(name: string) {
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
  );
  return Attributes ?? {};
}

async function subscriptionsOf(topicArn: string) {
  const { Subscriptions } = await clients.sns.send(
    new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
  );
  return Subscriptions ?? [];
}

beforeAll(async () => {
  template = synthDataTemplate('local');
  emulator = await startEmulator({ port: 0 });
  env = (await provisionTemplate({ endpoint: emulator.endpoint, template })).env;
  clients = createClients(emulator.endpoint);
});

afterAll(async () => {
  clients?.destroy();
  if (emulator) {
    await emulator.stop();
    expect(isRunning(emulator.pid)).toBe(false);
  }
});

describe('provisioning the synthesized data stack into the emulator', () => {
  it('When the template is synthesized, then it holds one table per table spec', () => {
    const names = each('AWS::DynamoDB::Table').map(([, p]) => p.TableName);
    expect(names.sort()).toEqual(TABLES.map((t) => `shopeasy-local-${t.id}`).sort());
  });

  it('When provisioned, then every table exists with its keys, GSIs, on-demand billing, TTL and PITR', async () => {
    for (const [, props] of each('AWS::DynamoDB::Table')) {
      const TableName = String(props.TableName);
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName }));
      expect(Table?.KeySchema, TableName).toEqual(props.KeySchema);
      expect(Table?.AttributeDefinitions).toEqual(
        expect.arrayContaining(props.AttributeDefinitions as unknown[]),
      );
      expect(Table?.BillingModeSummary?.BillingMode).toBe(props.BillingMode);
      const expected = (props.GlobalSecondaryIndexes as Props[] | undefined) ?? [];
      const actual = (Table?.GlobalSecondaryIndexes ?? []).map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        Projection: {
          ProjectionType: i.Projection?.ProjectionType,
          ...(i.Projection?.NonKeyAttributes ? { NonKeyAttributes: i.Projection.NonKeyAttributes } : {}),
        },
      }));
      expect(actual, TableName).toEqual(expected);
      const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
      const ttlSpec = props.TimeToLiveSpecification as { AttributeName: string };
      expect(ttl.TimeToLiveDescription).toMatchObject({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: ttlSpec.AttributeName,
      });
      const backups = await clients.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName }));
      expect(
        backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      ).toBe('ENABLED');
    }
  });

  it('When provisioned, then every queue exists with its timeouts and a redrive to its own DLQ', async () => {
    for (const [, props] of each('AWS::SQS::Queue')) {
      const name = String(props.QueueName);
      const attributes = await queueAttributes(name);
      expect(attributes.QueueArn).toBe(arn('sqs', name));
      expect(Number(attributes.MessageRetentionPeriod)).toBe(props.MessageRetentionPeriod);
      if (props.VisibilityTimeout !== undefined)
        expect(Number(attributes.VisibilityTimeout)).toBe(props.VisibilityTimeout);
      const redrive = props.RedrivePolicy as
        { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
      if (!redrive) continue;
      const dlqName = String(target(redrive.deadLetterTargetArn).QueueName);
      const actual = JSON.parse(attributes.RedrivePolicy ?? '{}') as {
        deadLetterTargetArn: string;
        maxReceiveCount: unknown;
      };
      expect(actual.deadLetterTargetArn, name).toBe(arn('sqs', dlqName));
      expect(Number(actual.maxReceiveCount)).toBe(redrive.maxReceiveCount);
    }
  });

  it('When provisioned, then every queue carries its policy: TLS only, and the topic may send to subscribed queues', async () => {
    const shape = (statements: Props[]) => statements.map((st) => ({ Effect: st.Effect, Action: st.Action }));
    for (const [, props] of each('AWS::SQS::QueuePolicy')) {
      const expected = (props.PolicyDocument as { Statement: Props[] }).Statement;
      for (const queue of props.Queues as unknown[]) {
        const attributes = await queueAttributes(String(target(queue).QueueName));
        const actual = (JSON.parse(attributes.Policy ?? '{}') as { Statement: Props[] }).Statement;
        expect(shape(actual)).toEqual(shape(expected));
        for (const statement of actual.filter((st) =>
          JSON.stringify(st.Action).includes('sqs:SendMessage'),
        )) {
          expect(statement.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': env.EVENTS_TOPIC_ARN } });
        }
      }
    }
    const notifications = await queueAttributes(env.NOTIFICATIONS_QUEUE_URL.split('/').pop()!);
    expect(notifications.Policy).toContain('sqs:SendMessage');
  });

  it('When provisioned, then every topic exists and every subscription has its filter policy and delivery mode', async () => {
    const { Topics } = await clients.sns.send(new ListTopicsCommand({}));
    for (const [, props] of each('AWS::SNS::Topic')) {
      expect(Topics?.map((t) => t.TopicArn)).toContain(arn('sns', String(props.TopicName)));
    }
    for (const [id, props] of each('AWS::SNS::Subscription')) {
      const topicArn = arn('sns', String(target(props.TopicArn).TopicName));
      const queueArn = arn('sqs', String(target(props.Endpoint).QueueName));
      const match = (await subscriptionsOf(topicArn)).filter((s) => s.Endpoint === queueArn);
      expect(match, id).toHaveLength(1);
      const { Attributes } = await clients.sns.send(
        new GetSubscriptionAttributesCommand({ SubscriptionArn: match[0]!.SubscriptionArn }),
      );
      expect(Attributes?.Protocol).toBe(props.Protocol);
      expect(JSON.parse(Attributes?.FilterPolicy ?? 'null')).toEqual(props.FilterPolicy);
      expect(Attributes?.RawMessageDelivery).toBe(String(props.RawMessageDelivery ?? false));
    }
  });

  it('When provisioned, then every stream exists with its shard count', async () => {
    for (const [, props] of each('AWS::Kinesis::Stream')) {
      const summary = await clients.kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName: String(props.Name) }),
      );
      expect(summary.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
      expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(props.ShardCount);
    }
  });

  it('When provisioned, then every bucket exists with versioning enabled and public access blocked', async () => {
    for (const [, props] of each('AWS::S3::Bucket')) {
      const Bucket = String(props.BucketName);
      const versioning = await clients.s3.send(new GetBucketVersioningCommand({ Bucket }));
      expect(versioning.Status, Bucket).toBe((props.VersioningConfiguration as Props).Status);
      expect(versioning.Status).toBe('Enabled');
      const block = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket }));
      expect(block.PublicAccessBlockConfiguration).toMatchObject(
        props.PublicAccessBlockConfiguration as Props,
      );
    }
  });

  it('When provisioned, then the sender identity exists and can send an email', async () => {
    for (const [, props] of each('AWS::SES::EmailIdentity')) {
      const identity = String(props.EmailIdentity);
      await expect(
        clients.sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: identity })),
      ).resolves.toBeTruthy();
    }
    const sent = await clients.sesv2.send(
      new SendEmailCommand({
        FromEmailAddress: env.SES_FROM,
        Destination: { ToAddresses: ['shopper@example.com'] },
        Content: { Simple: { Subject: { Data: 'Order placed' }, Body: { Text: { Data: 'Thank you' } } } },
      }),
    );
    expect(sent.MessageId).toBeTruthy();
  });

  it('When provisioned, then the reported environment equals the one services compute for that endpoint', () => {
    expect(env).toEqual(localEnvironment('local', { endpoint: emulator.endpoint }));
  });

  it('When provisioning runs a second time, then it succeeds and duplicates nothing', async () => {
    const again = await provisionTemplate({ endpoint: emulator.endpoint, template });
    expect(again.env).toEqual(env);
    const subs = await subscriptionsOf(env.EVENTS_TOPIC_ARN);
    expect(subs).toHaveLength(each('AWS::SNS::Subscription').length);
  });

  it('When order.placed is published, then notifications receives it and catalog-events does not', async () => {
    const orderId = randomUUID();
    await clients.sns.send(
      new PublishCommand({
        TopicArn: env.EVENTS_TOPIC_ARN,
        Message: JSON.stringify({ type: 'order.placed', orderId }),
        MessageAttributes: { type: { DataType: 'String', StringValue: 'order.placed' } },
      }),
    );
    const received = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: env.NOTIFICATIONS_QUEUE_URL,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 2,
      }),
    );
    const bodies = (received.Messages ?? []).map((m) => JSON.parse(JSON.parse(m.Body!).Message as string));
    expect(bodies).toContainEqual({ type: 'order.placed', orderId });
    const other = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: env.CATALOG_EVENTS_QUEUE_URL,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    expect(other.Messages ?? []).toEqual([]);
  });

  it('When the emulator is stopped by PID, then its process is gone', async () => {
    expect(isRunning(emulator.pid)).toBe(true);
    await emulator.stop();
    expect(isRunning(emulator.pid)).toBe(false);
  });
});
