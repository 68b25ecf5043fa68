import * as iam from 'aws-cdk-lib/aws-iam';
import { TABLES, type ServiceAccess } from '@shopeasy/resources';
import type { Construct } from 'constructs';
import type { DataReferences } from '../../stacks/data-references.js';
import type { MicroserviceProps } from './microservice-props.js';

const TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];
const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
];
const STREAM_READ = [
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
];
const STREAM_WRITE = [
  'kinesis:DescribeStreamSummary',
  'kinesis:ListShards',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
];
const TABLE_STREAM_READ = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];
const DECRYPT = ['kms:Decrypt'];
const ENCRYPT = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * The statements that give one service exactly its own tables, queues, topic and stream, each by
 * ARN: no wildcard resource, and indexes listed one by one rather than `index/*`.
 */
export function dataAccessStatements(access: ServiceAccess, data: DataReferences): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  const allow = (actions: string[], resources: string[]) =>
    statements.push(new iam.PolicyStatement({ actions, resources }));

  if (access.tables.length > 0) {
    const resources = access.tables.flatMap((id) => {
      const arn = data.tables[id].tableArn;
      const indexes = TABLES.find((t) => t.id === id)?.indexes ?? [];
      return [arn, ...indexes.map((index) => `${arn}/index/${index.name}`)];
    });
    allow(TABLE_ACTIONS, resources);
    allow(ENCRYPT, [data.keys.tables.keyArn]);
  }
  if (access.readsTableStreams.length > 0) {
    const streams = access.readsTableStreams.map((id) => {
      if (!TABLES.find((t) => t.id === id)?.stream) throw new Error(`The ${id} table has no stream to read`);
      return data.tableStreams[id];
    });
    allow(TABLE_STREAM_READ, streams);
    // A stream's records are encrypted with its table's key.
    allow(DECRYPT, [data.keys.tables.keyArn]);
  }
  if (access.publishesEvents) {
    allow(['sns:Publish'], [data.eventsTopic.topicArn]);
    allow(ENCRYPT, [data.keys.events.keyArn]);
  }
  if (access.consumesQueues.length > 0) {
    allow(
      CONSUME_ACTIONS,
      access.consumesQueues.map((id) => data.queues[id].queueArn),
    );
  }
  if (access.sendsToQueues.length > 0) {
    allow(
      ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
      access.sendsToQueues.map((id) => data.queues[id].queueArn),
    );
  }
  if (access.consumesQueues.length > 0 || access.sendsToQueues.length > 0) {
    allow(access.sendsToQueues.length > 0 ? ENCRYPT : DECRYPT, [data.keys.messaging.keyArn]);
  }
  if (access.inventoryStream !== 'none') {
    const reads = access.inventoryStream !== 'write';
    const writes = access.inventoryStream !== 'read';
    if (reads) allow(STREAM_READ, [data.inventoryStream.streamArn]);
    if (writes) allow(STREAM_WRITE, [data.inventoryStream.streamArn]);
    allow(writes ? ENCRYPT : DECRYPT, [data.keys.stream.keyArn]);
  }
  if (access.sendsEmail) {
    const { stack } = data;
    const identity = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    // SES authorizes a send against the address and against its domain's identity.
    const domain = data.names.sesFrom.split('@')[1]!;
    allow(['ses:SendEmail', 'ses:SendRawEmail'], [identity(data.names.sesFrom), identity(domain)]);
  }
  return statements;
}

/**
 * The variables naming the secrets the service re-reads while it runs (by ARN), and the task role's
 * right to read exactly those, decrypting through Secrets Manager only.
 */
export function reloadedSecrets(scope: Construct, props: MicroserviceProps, taskRole: iam.Role) {
  const { config, spec } = props;
  const entries = Object.entries(spec.reloadedSecrets).map(([variable, id]) => {
    const secret = props.secrets[id];
    if (!secret) throw new Error(`No secret ${id} for ${spec.name}`);
    return [variable, secret.secretArn] as const;
  });
  if (entries.length === 0) return {};
  new iam.ManagedPolicy(scope, 'SecretsReadPolicy', {
    managedPolicyName: `shopeasy-${config.name}-${spec.name}-secrets`,
    description: `ShopEasy ${config.name} ${spec.name}: the secrets it re-reads while running`,
    statements: [
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: entries.map(([, arn]) => arn),
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.secretsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${config.region}.amazonaws.com` } },
      }),
    ],
    roles: [taskRole],
  });
  return Object.fromEntries(entries);
}
