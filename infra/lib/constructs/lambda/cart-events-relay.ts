import { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INVENTORY_STREAM_ENV, SERVICE_ACCESS } from '@shopeasy/resources';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import type { DataReferences } from '../../stacks/data-references.js';
import { addLambdaTelemetry } from '../monitoring/telemetry.js';
import { opsFunction } from '../services/ops-function.js';
import { dataAccessStatements } from '../services/task-permissions.js';

/** How the relay reads the cart table's stream; the tests and the runbook quote these. */
export const CART_EVENTS_MAPPING = {
  batchSize: 100,
  // 5,000 cart changes/s at the prod target over ≥5 stream shards is ≤1,000 a shard (a partition's
  // write limit); 4 batches at once per shard keep each under half of what one invocation relays.
  parallelizationFactor: 4,
  retryAttempts: 10,
  // The stream keeps a record 24 h; one that old would be lost anyway, so it goes to the queue first.
  maxRecordAge: Duration.hours(23),
} as const;

export interface CartEventsRelayProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly data: DataReferences;
  /** Key of the function's log group. */
  readonly logsKey: kms.IKey;
}

/**
 * The cart's outbox relay: `functions/cart-events` fed by the cart table's stream, putting each cart
 * write's inventory events on the Kinesis stream. Records it could not put after the retries go to
 * a queue of their own (the stream position, not the records: they are re-read from the stream).
 */
export class CartEventsRelay extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly failures: sqs.Queue;
  public readonly mapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: CartEventsRelayProps) {
    super(scope, id);
    const { config, data } = props;
    const access = SERVICE_ACCESS.cartEvents;
    this.function = opsFunction(this, 'Function', {
      config,
      name: 'cart-events',
      description: 'Relays the inventory events each cart write stored in its item to the inventory stream',
      entry: 'functions/cart-events/src/handler.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      timeout: Duration.seconds(30),
      environment: { [INVENTORY_STREAM_ENV]: data.names.inventoryStream },
    });
    addLambdaTelemetry(this.function, 'cart-events');
    // The same least-privilege statements as a service's task role: the cart stream, the Kinesis stream.
    for (const statement of dataAccessStatements(access, data)) this.function.addToRolePolicy(statement);

    const messagingKey = data.keys.messaging;
    this.failures = new sqs.Queue(this, 'Failures', {
      queueName: `${namePrefix(config)}-cart-events-failures`,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: messagingKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // What Lambda needs to hand a failed batch's position to the queue, and nothing more.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.failures.queueArn] }),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [messagingKey.keyArn],
      }),
    );

    const [table] = access.readsTableStreams;
    // Not DynamoEventSource: its grant adds dynamodb:ListStreams on "*"; the statements above suffice.
    this.mapping = this.function.addEventSourceMapping('CartStream', {
      eventSourceArn: data.tableStreams[table!],
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      onFailure: { bind: () => ({ destination: this.failures.queueArn }) },
      ...CART_EVENTS_MAPPING,
    });
  }
}
