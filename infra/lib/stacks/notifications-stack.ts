import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { QUEUE_ENV, SERVICE_ACCESS, SES_FROM_ENV, TABLE_ENV, queueSpec } from '@shopeasy/resources';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import type { DataStack } from './data-stack.js';
import { referenceData } from './data-references.js';
import {
  FUNCTION_RUNTIME,
  LOCAL_ESM_BUNDLING,
  REPO_ROOT,
  handlerEntry,
} from '../constructs/lambda/lambda-bundling.js';
import { dataAccessStatements } from '../constructs/services/task-permissions.js';
import { addLambdaTelemetry } from '../constructs/monitoring/telemetry.js';

export interface NotificationsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
  /** The handler's source; functions/notifications/src/handler.ts by default. */
  readonly entry?: string;
}

/** Customer emails: events topic -> notifications queue -> this function -> SES. */
export class NotificationsStack extends Stack {
  public readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const data = referenceData(this, props.data);
    const prefix = namePrefix(config);
    const queue = data.queues.notifications;

    const logsKey = new kms.Key(this, 'LogsKey', {
      description: `ShopEasy ${config.name} notifications logs`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: `${prefix}-notifications`,
      description: 'Sends customer emails for order.* and user.registered events',
      entry: props.entry ?? handlerEntry('functions/notifications/src/handler.ts'),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      bundling: LOCAL_ESM_BUNDLING,
      memorySize: 256,
      // SQS requires the queue's visibility timeout to be at least the function timeout.
      timeout: Duration.seconds(Math.min(30, queueSpec('notifications').visibilityTimeoutSeconds)),
      tracing: lambda.Tracing.ACTIVE,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      logGroup: new logs.LogGroup(this, 'Logs', {
        logGroupName: `/aws/lambda/${prefix}-notifications`,
        retention: config.logRetentionDays as logs.RetentionDays,
        encryptionKey: logsKey,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        [SES_FROM_ENV]: data.names.sesFrom,
        [QUEUE_ENV.notifications.url]: queue.queueUrl,
        // Its record of sent emails: a retried batch never mails a customer twice.
        [TABLE_ENV.emails]: data.names.tables.emails,
      },
    });
    addLambdaTelemetry(this.function, 'notifications');
    // The same least-privilege statements as a service's task role: its table, its queue, SES.
    for (const statement of dataAccessStatements(SERVICE_ACCESS.notifications, data))
      this.function.addToRolePolicy(statement);
    this.function.addEventSource(
      new sources.SqsEventSource(queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        // Bounds the function's share of the account's concurrency without a reservation, which
        // an account whose quota is still 10 could not grant.
        maxConcurrency: 10,
      }),
    );
  }
}
