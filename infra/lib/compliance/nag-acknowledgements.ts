import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { checkovSkip } from './checkov.js';
import { acceptFunction, ack, ackPciAndNist, INLINE_POLICY_REASON } from './nag-ack.js';
import { acknowledgeBackupFindings, RESTORE_JOBS_WILDCARD } from './nag-backup.js';
import { acknowledgeDataFindings } from './nag-data.js';
import { acknowledgeNetworkFindings } from './nag-network.js';
import { acknowledgeServicesFindings } from './nag-services.js';
import type { ServicesStack } from '../stacks/services-stack.js';
import type { EnvironmentStacks } from '../app/environment-stacks.js';

const XRAY_WILDCARD = 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions';

/**
 * The findings every Lambda function of ShopEasy shares: managed execution policies, X-Ray,
 * runtime. `wildcardReason` replaces the X-Ray reason when the policy has other `*` actions.
 */
export function acknowledgeFunction(fn: lambda.Function, wildcardReason = XRAY_WILDCARD): void {
  const role = fn.role as iam.Role;
  ack(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWS-maintained policy for writing the function logs; the log group is KMS-encrypted and retained',
  );
  ack(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
    'AWS-maintained policy for the network interfaces a function in private subnets needs',
  );
  const policy = role.node.tryFindChild('DefaultPolicy');
  ack(policy, 'AwsSolutions-IAM5[Resource::*]', wildcardReason);
  ackPciAndNist(policy, 'IAMNoInlinePolicy', INLINE_POLICY_REASON);
  ack(
    fn,
    'AwsSolutions-L1',
    'Node.js 22 is the newest runtime inside the engines range (>=20 <23) the code is built and tested on',
  );
  checkovSkip(
    fn,
    'CKV_AWS_173',
    'The variables hold no secrets; Lambda encrypts them at rest with its AWS-managed key',
  );
}

/** Every acknowledged cdk-nag finding of one environment, on the resource it concerns. */
export function acknowledgeFindings(stacks: EnvironmentStacks): void {
  const { api, notifications, backup } = stacks;

  acknowledgeNetworkFindings(stacks);
  acknowledgeServicesFindings(stacks.services);
  acknowledgeDataFindings(stacks.data);
  acknowledgeFunction(backup.restoreTesting.function, RESTORE_JOBS_WILDCARD);
  acknowledgeBackupFindings(backup);

  acknowledgeFunction(api.authorizer);
  acceptFunction(
    api.authorizer,
    'deadLetter',
    'API Gateway invokes the authorizer synchronously; a dead-letter queue only serves asynchronous invocations',
  );
  acceptFunction(
    api.authorizer,
    'concurrency',
    'Stage and usage-plan throttling bound its invocations; a reserved cap would refuse logins under load',
  );
  ack(
    api.api,
    'AwsSolutions-APIG2',
    'Request validators come from the contract (x-amazon-apigateway-request-validators) on every operation',
  );
  ack(
    api.api.node.findChild('CloudWatchRole'),
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    'The account-level role API Gateway writes execution logs with; AWS maintains its policy',
  );
  const stage = api.api.deploymentStage;
  ackPciAndNist(
    stage,
    'APIGWCacheEnabledAndEncrypted',
    'The cache is encrypted, but on for the public catalog reads only: authenticated answers are per user and must never be cached stage-wide',
  );
  ackPciAndNist(
    stage,
    'APIGWSSLEnabled',
    "Integrations are HTTPS through the private VPC link to the internal ALB, which checks no client certificate; its security group admits only the VPC link's NLB and the callers inside the VPC",
  );
  checkovSkip(
    stage,
    'CKV_AWS_120',
    'Caching is on per method for the public reads only; authenticated answers must never be cached',
  );

  acknowledgeOpsFunctions(stacks.services);

  acknowledgeFunction(notifications.function);
  acceptFunction(
    notifications.function,
    'deadLetter',
    "Invoked by an SQS event source; failed messages go to the queue's own dead-letter queue",
  );
  acceptFunction(
    notifications.function,
    'concurrency',
    "Its queue's event source mapping caps it at 10 concurrent invocations (MaximumConcurrency); a reservation would fail in an account whose concurrency quota is still 10",
  );

  const { cartEvents } = stacks.services;
  acknowledgeFunction(cartEvents.function);
  ack(
    cartEvents.failures,
    'AwsSolutions-SQS3',
    "The relay's on-failure destination is itself the last stop: operations read and redrive it (cart-events-relay runbook)",
  );
  acceptFunction(
    cartEvents.function,
    'deadLetter',
    "Invoked by the cart table stream's event source mapping; the batches it gives up on go to its on-failure queue",
  );
  acceptFunction(
    cartEvents.function,
    'concurrency',
    'Stream shards times the parallelization factor bound its concurrency; a reservation would fail in an account whose concurrency quota is still 10',
  );

  const backupRole = backup.node.findChild('BackupRole');
  for (const policy of [
    'service-role/AWSBackupServiceRolePolicyForBackup',
    'service-role/AWSBackupServiceRolePolicyForRestores',
    'AWSBackupServiceRolePolicyForS3Backup',
    'AWSBackupServiceRolePolicyForS3Restore',
  ]) {
    ack(
      backupRole,
      `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
      'AWS Backup documents these AWS-maintained policies for backing up and restoring DynamoDB and S3',
    );
  }
}

/** The services stack's own functions: signing key, release hook, secret age. */
function acknowledgeOpsFunctions(services: ServicesStack): void {
  const { signingKey, releaseHook, secretAge } = services;
  for (const fn of [signingKey.generator, releaseHook.function, secretAge.function]) acknowledgeFunction(fn);
  acknowledgeFunction(
    signingKey.rotation,
    `${XRAY_WILDCARD}, nor does secretsmanager:GetRandomPassword (granted with every rotation function)`,
  );
  const skips: [lambda.Function, string][] = [
    [
      signingKey.generator,
      'CloudFormation invokes it synchronously for the custom resource and reads its answer',
    ],
    [
      signingKey.rotation,
      'Secrets Manager invokes it synchronously per rotation step; a failure fails the rotation and its alarm',
    ],
    [
      releaseHook.function,
      'CodeDeploy invokes it asynchronously; without a status report the deployment fails and rolls back',
    ],
    [secretAge.function, 'EventBridge retries a failed run twice; the next daily run measures again'],
  ];
  for (const [fn, reason] of skips) {
    acceptFunction(fn, 'deadLetter', reason);
    acceptFunction(
      fn,
      'concurrency',
      'Runs once per deployment, rotation or day; a concurrency reservation would only take capacity from the account',
    );
  }
}
