import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { allowAwsApis, closedSecurityGroup } from './task-network.js';
import { FUNCTION_RUNTIME, LOCAL_ESM_BUNDLING, REPO_ROOT, handlerEntry } from '../lambda/lambda-bundling.js';

export interface OpsFunctionProps {
  readonly config: EnvironmentConfig;
  /** The function is `shopeasy-<env>-<name>`. */
  readonly name: string;
  readonly description: string;
  /** Handler source, relative to the repository root. */
  readonly entry: string;
  readonly vpc: ec2.IVpc;
  /** Key of the function's log group. */
  readonly logsKey: kms.IKey;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly bundling?: nodejs.BundlingOptions;
}

/**
 * A function of ShopEasy's own operations (key generation and rotation, release hooks, reminders):
 * the runtime, bundling, tracing, private subnets and encrypted, retained log group every
 * ShopEasy function has.
 */
export function opsFunction(scope: Construct, id: string, props: OpsFunctionProps): nodejs.NodejsFunction {
  const { config } = props;
  const functionName = `${namePrefix(config)}-${props.name}`;
  const securityGroup = closedSecurityGroup(
    scope,
    `${id}SecurityGroup`,
    props.vpc,
    `${functionName} function`,
  );
  // AWS APIs only; a function that calls a service adds its load balancer port (allowToLoadBalancer).
  allowAwsApis(securityGroup, props.vpc);
  return new nodejs.NodejsFunction(scope, id, {
    functionName,
    description: props.description,
    entry: handlerEntry(props.entry),
    handler: 'handler',
    runtime: FUNCTION_RUNTIME,
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    bundling: props.bundling ?? LOCAL_ESM_BUNDLING,
    memorySize: props.memorySize ?? 256,
    timeout: props.timeout,
    tracing: lambda.Tracing.ACTIVE,
    vpc: props.vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [securityGroup],
    logGroup: new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
  });
}
