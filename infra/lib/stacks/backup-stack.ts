import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { BACKUP_TAG } from './data-stack.js';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import { drBackupVaultArn } from './dr-stack.js';

export interface BackupStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

export const BACKUP_RETENTION = Duration.days(35);

/**
 * AWS Backup for every table and bucket tagged backup=shopeasy: daily and weekly recovery
 * points kept 35 days in a locked, KMS-encrypted vault, each copied to the DR region's vault.
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
      // Governance-mode lock: nobody deletes a recovery point before 7 days or keeps one past 400.
      // Not where the environment is torn down: its recovery points are deleted first (dev).
      ...(config.teardown === 'retain'
        ? { lockConfiguration: { minRetention: Duration.days(7), maxRetention: Duration.days(400) } }
        : {}),
    });
    const drVault = backup.BackupVault.fromBackupVaultArn(this, 'DrVault', drBackupVaultArn(config));
    const rule = (name: string, schedule: events.Schedule) =>
      new backup.BackupPlanRule({
        ruleName: name,
        scheduleExpression: schedule,
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: BACKUP_RETENTION,
        copyActions: [{ destinationBackupVault: drVault, deleteAfter: BACKUP_RETENTION }],
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
}
