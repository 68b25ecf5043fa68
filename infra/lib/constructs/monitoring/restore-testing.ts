import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { BACKUP_TAG } from '../../stacks/data-stack.js';
import { opsFunction } from '../services/ops-function.js';
import { allowAwsApis } from '../services/task-network.js';

export interface RestoreTestingProps {
  readonly config: EnvironmentConfig;
  readonly vault: backup.IBackupVault;
  /** The role AWS Backup restores with (the backup plan's). */
  readonly role: iam.IRole;
  readonly vpc: ec2.IVpc;
  readonly logsKey: kms.IKey;
}

/** Restore testing names take letters, digits and underscores only. */
export function restoreTestingPlanName(config: EnvironmentConfig): string {
  return `${namePrefix(config)}_restore_test`.replace(/-/g, '_');
}

/**
 * AWS Backup restore testing: every week the latest recovery point of each tagged table and of
 * the assets bucket is restored into a new resource, the validation function runs the restore
 * drill's checks on it (readable; at least the items the backup recorded) and reports the verdict,
 * and AWS Backup deletes the copy after the validation window.
 */
export class RestoreTesting extends Construct {
  public readonly plan: backup.CfnRestoreTestingPlan;
  public readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const { config } = props;
    const planName = restoreTestingPlanName(config);
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: planName,
      scheduleExpression: 'cron(0 6 ? * SAT *)',
      scheduleExpressionTimezone: 'Etc/UTC',
      startWindowHours: 4,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    const tagged = {
      stringEquals: [
        { key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value },
        { key: 'aws:ResourceTag/environment', value: config.name },
      ],
    };
    for (const [kind, type] of [
      ['tables', 'DynamoDB'],
      ['buckets', 'S3'],
    ] as const) {
      const selection = new backup.CfnRestoreTestingSelection(this, `Select-${kind}`, {
        restoreTestingPlanName: planName,
        restoreTestingSelectionName: `${planName}_${kind}`,
        protectedResourceType: type,
        protectedResourceArns: ['*'],
        protectedResourceConditions: tagged,
        iamRoleArn: props.role.roleArn,
        // The validation function runs within this window; then AWS Backup deletes the restored copy.
        validationWindowHours: 4,
      });
      selection.node.addDependency(this.plan);
    }

    this.function = opsFunction(this, 'Validation', {
      config,
      name: 'restore-validation',
      description: 'Validates each restore test of AWS Backup (readable, no items lost) and reports it',
      entry: 'infra/lib/functions/restore-validation.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      timeout: Duration.minutes(15),
      environment: { RESTORE_TESTING_PLAN_ARN: this.plan.attrRestoreTestingPlanArn },
    });
    // The restored tables are read through the DynamoDB gateway endpoint.
    for (const group of this.function.connections.securityGroups)
      allowAwsApis(group, props.vpc, { dynamoDb: true });
    this.grantChecks(this.function);
    new events.Rule(this, 'RestoreCompleted', {
      ruleName: `${namePrefix(config)}-restore-test-completed`,
      description: 'A restore job completed: validate it if the restore testing plan started it',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: { status: ['COMPLETED'] },
      },
      targets: [new eventTargets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }

  /** What the checks read: restored copies (named by AWS Backup, so not known here) and the job. */
  private grantChecks(fn: nodejs.NodejsFunction): void {
    const { account, region } = Stack.of(this);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'RestoreJobs',
        // Neither action names a resource: restore jobs have no ARN in IAM.
        actions: ['backup:DescribeRestoreJob', 'backup:PutRestoreValidationResult'],
        resources: ['*'],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadRestoredTables',
        actions: ['dynamodb:Scan', 'dynamodb:DescribeBackup'],
        resources: [
          `arn:aws:dynamodb:${region}:${account}:table/*`,
          `arn:aws:dynamodb:${region}:${account}:table/*/backup/*`,
        ],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ListRestoredBuckets',
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::*'],
        conditions: { StringEquals: { 's3:ResourceAccount': account } },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DecryptRestoredTables',
        actions: ['kms:Decrypt', 'kms:DescribeKey'],
        resources: [`arn:aws:kms:${region}:${account}:key/*`],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } },
      }),
    );
  }
}
