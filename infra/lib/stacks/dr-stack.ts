import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { resourceNames } from '@shopeasy/resources';
import type { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';

export interface DrStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** Names in the DR region are fixed, so the primary region refers to them without cross-region references. */
export function drNames(config: EnvironmentConfig) {
  const prefix = namePrefix(config);
  const { account, drRegion } = config;
  return {
    replicaBucket: `${prefix}-assets-replica-${account}-${drRegion}`,
    replicaLogsBucket: `${prefix}-replica-logs-${account}-${drRegion}`,
    keyAlias: `alias/${prefix}-dr`,
    replicationRole: `${prefix}-assets-replication`,
    backupVault: `${prefix}-dr`,
  };
}

export function drBackupVaultArn(config: EnvironmentConfig): string {
  return `arn:aws:backup:${config.drRegion}:${config.account}:backup-vault:${drNames(config).backupVault}`;
}

/**
 * The lock of ShopEasy's vaults: no recovery point deleted before 7 days or kept past 400 (the
 * plans keep 35). Where data is retained it is in compliance mode, which engages once
 * `changeableFor` has passed and then binds everyone, the account's root user included; dev is
 * torn down with its recovery points, so its lock stays in governance mode.
 */
export function backupVaultLock(config: EnvironmentConfig): backup.LockConfiguration {
  const bounds = { minRetention: Duration.days(7), maxRetention: Duration.days(400) };
  return config.teardown === 'retain' ? { ...bounds, changeableFor: Duration.days(3) } : bounds;
}

/** What the data stack needs to replicate the assets bucket into the DR region. */
export function drReplicationTarget(config: EnvironmentConfig) {
  const names = drNames(config);
  return {
    bucketArn: `arn:aws:s3:::${names.replicaBucket}`,
    kmsKeyArn: `arn:aws:kms:${config.drRegion}:${config.account}:${names.keyAlias}`,
    roleArn: `arn:aws:iam::${config.account}:role/${names.replicationRole}`,
  };
}

/**
 * The disaster-recovery region: the replica of the assets bucket (and the role S3 replicates
 * with) and the vault that receives backup copies. Deployed before the primary region's stacks.
 */
export class DrStack extends Stack {
  public readonly key: kms.Key;
  public readonly replicaBucket: s3.Bucket;
  public readonly vault: backup.BackupVault;
  /** The primary region's assets bucket that replicates here. */
  public readonly sourceBucketArn: string;

  constructor(scope: Construct, id: string, props: DrStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = drNames(config);
    this.key = new kms.Key(this, 'Key', {
      description: `ShopEasy ${config.name} DR replicas and backup copies`,
      alias: names.keyAlias,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    // Server access logs can only be delivered to an SSE-S3 bucket.
    const logs = new s3.Bucket(this, 'ReplicaLogsBucket', {
      ...common,
      bucketName: names.replicaLogsBucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.replicaBucket = new s3.Bucket(this, 'ReplicaBucket', {
      ...common,
      bucketName: names.replicaBucket,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'replica/',
    });

    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: names.backupVault,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: backupVaultLock(config),
    });

    const source = resourceNames(config.name, {
      account: config.account,
      region: config.region,
    }).assetsBucket;
    this.sourceBucketArn = `arn:aws:s3:::${source}`;
    this.replicationRole(config, names.replicationRole);
  }

  /** IAM is global: the role is created here and named in the primary region's replication rule. */
  private replicationRole(config: EnvironmentConfig, roleName: string): void {
    const sourceArn = this.sourceBucketArn;
    const role = new iam.Role(this, 'ReplicationRole', {
      roleName,
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: `Replicates ${sourceArn} into its DR replica`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
        resources: [sourceArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionTagging',
        ],
        resources: [`${sourceArn}/*`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: [this.replicaBucket.arnForObjects('*')],
      }),
    );
    this.key.grant(role, 'kms:Encrypt', 'kms:GenerateDataKey');
    // The source key lives in the primary region's data stack; its use is pinned to that bucket.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [`arn:aws:kms:${config.region}:${config.account}:key/*`],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${config.region}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [sourceArn, `${sourceArn}/*`] },
        },
      }),
    );
  }
}
