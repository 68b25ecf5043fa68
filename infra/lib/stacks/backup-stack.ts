import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BACKUP_TAG } from './data-stack.js';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import { backupVaultLock, drBackupVaultArn } from './dr-stack.js';
import { BackupAlarms } from '../constructs/monitoring/backup-alarms.js';
import { RestoreTesting } from '../constructs/monitoring/restore-testing.js';

export interface BackupStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  /** Where the restore validation function runs (private subnets, AWS APIs through endpoints). */
  readonly vpc: ec2.IVpc;
  /** Failed backup, copy and restore jobs page here. */
  readonly alarmTopic: sns.ITopic;
}

export const BACKUP_RETENTION = Duration.days(35);

/**
 * The vault in the separate backup account (infra/terraform/backup-account) that receives a copy
 * of every recovery point; none where the environment has no `backupAccount` (dev).
 */
export function isolatedBackupVaultArn(config: EnvironmentConfig): string | undefined {
  if (!config.backupAccount) return undefined;
  return `arn:aws:backup:${config.region}:${config.backupAccount}:backup-vault:${namePrefix(config)}-isolated`;
}

/**
 * AWS Backup for every table and bucket tagged backup=shopeasy: daily and weekly recovery
 * points kept 35 days in a locked, KMS-encrypted vault, each copied to the DR region's vault and
 * to the backup account's vault. Every week a restore test restores the latest of each and
 * validates it; failed backup, copy and restore jobs raise alarms.
 */
export class BackupStack extends Stack {
  public readonly vault: backup.BackupVault;
  public readonly plan: backup.BackupPlan;
  public readonly restoreTesting: RestoreTesting;
  public readonly alarms: BackupAlarms;

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    super(scope, id, props);
    const { config } = props;
    const key = new kms.Key(this, 'VaultKey', {
      description: `ShopEasy ${config.name} backup vault`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: namePrefix(config),
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      // Not locked where the environment is torn down: its recovery points are deleted first (dev).
      ...(config.teardown === 'retain' ? { lockConfiguration: backupVaultLock(config) } : {}),
    });
    const copyTo = [backup.BackupVault.fromBackupVaultArn(this, 'DrVault', drBackupVaultArn(config))];
    const isolated = isolatedBackupVaultArn(config);
    if (isolated) copyTo.push(backup.BackupVault.fromBackupVaultArn(this, 'IsolatedVault', isolated));
    if (config.backupAccount) this.shareKeyWith(key, config.backupAccount);
    const rule = (name: string, schedule: events.Schedule) =>
      new backup.BackupPlanRule({
        ruleName: name,
        scheduleExpression: schedule,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: BACKUP_RETENTION,
        copyActions: copyTo.map((vault) => ({
          destinationBackupVault: vault,
          deleteAfter: BACKUP_RETENTION,
        })),
      });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: namePrefix(config),
      backupVault: this.vault,
      backupPlanRules: [
        rule('daily', events.Schedule.cron({ hour: '3', minute: '0' })),
        rule('weekly', events.Schedule.cron({ weekDay: 'SUN', hour: '4', minute: '0' })),
      ],
    });
    // Tag selection cannot tell CDK that buckets are included, so the S3 policies are added here.
    const role = new iam.Role(this, 'BackupRole', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore ShopEasy tables and buckets',
      managedPolicies: [
        'service-role/AWSBackupServiceRolePolicyForBackup',
        'service-role/AWSBackupServiceRolePolicyForRestores',
        'AWSBackupServiceRolePolicyForS3Backup',
        'AWSBackupServiceRolePolicyForS3Restore',
      ].map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    this.plan.addSelection('TaggedTablesAndBuckets', {
      role,
      backupSelectionName: `${namePrefix(config)}-tagged`,
      resources: [backup.BackupResource.fromTag(BACKUP_TAG.key, BACKUP_TAG.value)],
    });
    const logsKey = new kms.Key(this, 'LogsKey', {
      description: `ShopEasy ${config.name} restore validation logs`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));
    this.restoreTesting = new RestoreTesting(this, 'RestoreTesting', {
      config,
      vault: this.vault,
      role,
      vpc: props.vpc,
      logsKey,
    });
    this.alarms = new BackupAlarms(this, 'Alarms', { config, alarmTopic: props.alarmTopic });
  }

  /** A cross-account copy reads the recovery point with the source vault's key, through AWS Backup only. */
  private shareKeyWith(key: kms.Key, account: string): void {
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BackupAccountCopies',
        principals: [new iam.AccountPrincipal(account)],
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `backup.${this.region}.amazonaws.com` } },
      }),
    );
  }
}
