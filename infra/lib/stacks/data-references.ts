import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { QUEUE_IDS, TABLE_IDS, type QueueId, type ResourceNames, type TableId } from '@shopeasy/resources';
import { KEY_IDS, keyArnParameter, tableStreamParameter, type DataStack, type KeyId } from './data-stack.js';

/** The data stack's resources as another stack uses them. */
export interface DataReferences {
  /** The stack that refers to them, where their ARNs are built. */
  readonly stack: Stack;
  readonly names: ResourceNames;
  readonly keys: Readonly<Record<KeyId, kms.IKey>>;
  readonly tables: Readonly<Record<TableId, dynamodb.ITable>>;
  /** The ARN of each table's stream, read from its SSM parameter (only tables with a stream have one). */
  readonly tableStreams: Readonly<Record<TableId, string>>;
  readonly eventsTopic: sns.ITopic;
  readonly queues: Readonly<Record<QueueId, sqs.IQueue>>;
  readonly deadLetterQueues: Readonly<Record<QueueId, sqs.IQueue>>;
  readonly inventoryStream: kinesis.IStream;
  readonly accessLogsBucket: s3.IBucket;
}

/**
 * The data stack's resources, referred to from `scope`'s stack by their fixed names (ARNs and
 * URLs built in that stack's account and region) and their keys by the SSM parameters the data
 * stack writes, never through CloudFormation exports: while another stack imports an export,
 * CloudFormation refuses to change or replace what it names (a table, a queue, a key).
 * `scope`'s stack deploys after the data stack. The references carry no key: a grant names the
 * key it needs itself (task-permissions.ts), so that a grant on a reference cannot miss one.
 */
export function referenceData(scope: Construct, data: DataStack): DataReferences {
  const stack = Stack.of(scope);
  stack.addStackDependency(data, 'uses its tables, topic, queues, stream, bucket and keys by name');
  const { names } = data;
  const arn = (service: string, resource: string, resourceName?: string) =>
    stack.formatArn({
      service,
      resource,
      ...(resourceName === undefined ? { arnFormat: ArnFormat.NO_RESOURCE_NAME } : { resourceName }),
    });
  // A key or a table stream is referred to on first use only, so that a stack's template holds no
  // SSM parameter it does not read. The other references add nothing to a template.
  const keys = lazyRecord(KEY_IDS, (id) =>
    kms.Key.fromKeyArn(
      scope,
      `DataKey${id}`,
      ssm.StringParameter.valueForStringParameter(scope, keyArnParameter(names.stage, id)),
    ),
  );
  const tableStreams = lazyRecord(TABLE_IDS, (id) =>
    ssm.StringParameter.valueForStringParameter(scope, tableStreamParameter(names.stage, id)),
  );
  const queue = (id: string, name: string) =>
    sqs.Queue.fromQueueAttributes(scope, id, {
      queueName: name,
      queueArn: arn('sqs', name),
      queueUrl: `https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/${name}`,
    });
  const byId = <K extends string, V>(ids: readonly K[], make: (id: K) => V) =>
    Object.fromEntries(ids.map((id) => [id, make(id)])) as Record<K, V>;
  return {
    stack,
    names,
    keys,
    tables: byId(TABLE_IDS, (id) => dynamodb.Table.fromTableName(scope, `Table${id}`, names.tables[id])),
    tableStreams,
    eventsTopic: sns.Topic.fromTopicArn(scope, 'EventsTopic', arn('sns', names.eventsTopic)),
    queues: byId(QUEUE_IDS, (id) => queue(`Queue${id}`, names.queues[id].name)),
    deadLetterQueues: byId(QUEUE_IDS, (id) => queue(`DeadLetterQueue${id}`, names.queues[id].dlqName)),
    inventoryStream: kinesis.Stream.fromStreamArn(
      scope,
      'InventoryStream',
      arn('kinesis', 'stream', names.inventoryStream),
    ),
    accessLogsBucket: s3.Bucket.fromBucketName(scope, 'AccessLogsBucket', names.accessLogsBucket),
  };
}

/** A record whose values are made on first read, once each. */
function lazyRecord<K extends string, V>(ids: readonly K[], make: (id: K) => V): Readonly<Record<K, V>> {
  const record = {} as Record<K, V>;
  for (const id of ids) {
    let value: V | undefined;
    Object.defineProperty(record, id, { enumerable: true, get: () => (value ??= make(id)) });
  }
  return record;
}
