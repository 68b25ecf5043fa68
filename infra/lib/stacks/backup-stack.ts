import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { BACKUP_TAG } from './data-stack.js';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import { backupVaultLock, drBackupVaultArn } from './dr-stack.js';

export interface BackupStackProps extends StackProps {
  readonly config: EnvironmentConfig;
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
 * to the backup account's vault.
 */
export class BackupStack extends Stack {
  public readonly vault: backup.BackupVault;
  public readonly plan: backup.BackupPlan;

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
