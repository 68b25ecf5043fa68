import {
  Duration,
  RemovalPolicy,
  Stack,
  Tags,
  Token,
  Validations,
  type App,
  type StackProps,
} from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import {
  ASSETS_BUCKET,
  EVENT_TYPE_ATTRIBUTE,
  INVENTORY_STREAM,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  LOCAL_STAGE,
  QUEUES,
  TABLES,
  resourceNames,
  type Projection,
  type QueueId,
  type QueueSpec,
  type ResourceNames,
  type TableId,
  type TableSpec,
} from '@shopeasy/resources';

/** The keys of the data stack, one per kind of store. */
export const KEY_IDS = ['tables', 'events', 'messaging', 'stream', 'storage'] as const;
export type KeyId = (typeof KEY_IDS)[number];

/** The SSM parameter that holds a data key's ARN, for the stacks that refer to it (data-references.ts). */
export function keyArnParameter(stage: string, id: KeyId): string {
  return `/shopeasy/${stage}/data/keys/${id}`;
}

/** The SSM parameter that holds a table stream's ARN (its label is only known once deployed). */
export function tableStreamParameter(stage: string, id: TableId): string {
  return `/shopeasy/${stage}/data/streams/${id}`;
}

/** Where the load balancers write their access logs in the access-logs bucket. */
export const LOAD_BALANCER_LOG_PREFIXES = ['alb', 'nlb'] as const;

/** Tag that the backup stack selects tables and buckets by. */
export const BACKUP_TAG = { key: 'backup', value: 'shopeasy' } as const;

export interface DataStackProps extends StackProps {
  readonly stage: string;
  /** Tables and buckets refuse deletion; off only for throw-away stages such as `local`. */
  readonly deletionProtection?: boolean;
  readonly sesFrom?: string;
  /**
   * The public zone of the sender's domain: SES sends as the domain, verified by the DKIM records
   * this stack puts in the zone. Without it (the local stage) the sender is an address identity.
   */
  readonly senderZone?: { readonly zoneName: string; readonly zoneId: string };
  /**
   * Provisioned shards of the inventory stream (the resource list's count by default): sized by
   * the capacity model, since every shard must stay under half its write and read limits.
   */
  readonly inventoryStreamShards?: number;
  /** Replicates the assets bucket into a bucket (and its KMS key) in the DR region. */
  readonly drReplication?: DrReplication;
}

/** The replica of the assets bucket in the DR region. */
export interface DrReplication {
  readonly bucketArn: string;
  /** Key (or alias) ARN that replicas are encrypted with in the DR region. */
  readonly kmsKeyArn: string;
  /** Role S3 replicates with; CDK creates a scoped one when absent. */
  readonly roleArn?: string;
}

/** Every table, topic, queue, stream, bucket and sender identity, built from @shopeasy/resources. */
export class DataStack extends Stack {
  public readonly names: ResourceNames;
  /** Customer-managed keys (rotation on): tables, topic and queues, stream, assets bucket. */
  public readonly keys: Readonly<Record<KeyId, kms.Key>>;
  public readonly tables: Readonly<Record<TableId, dynamodb.Table>>;
  public readonly eventsTopic: sns.Topic;
  public readonly queues: Readonly<Record<QueueId, sqs.Queue>>;
  public readonly deadLetterQueues: Readonly<Record<QueueId, sqs.Queue>>;
  public readonly inventoryStream: kinesis.Stream;
  public readonly assetsBucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  public readonly senderIdentity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    // Log delivery by bucket policy rather than ACLs, whatever the app's feature flags say.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const protect = props.deletionProtection ?? true;
    const removalPolicy = protect ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.names = resourceNames(props.stage, {
      account: this.account,
      region: this.region,
      sesFrom: props.sesFrom,
    });

    const key = (name: string, description: string) =>
      new kms.Key(this, `${name}Key`, { description, enableKeyRotation: true, removalPolicy });
    this.keys = {
      tables: key('Tables', `ShopEasy ${props.stage} DynamoDB tables`),
      // The topic has its own key: a queue key's policy names the topic (aws:SourceArn), so one
      // key for both would make the key and the topic depend on each other.
      events: key('Events', `ShopEasy ${props.stage} SNS events topic`),
      messaging: key('Messaging', `ShopEasy ${props.stage} SQS queues`),
      stream: key('Stream', `ShopEasy ${props.stage} Kinesis stream`),
      storage: key('Storage', `ShopEasy ${props.stage} S3 assets`),
    };
    // Other stacks read the key ARNs here, at each deploy: an export would stop a key's
    // replacement for as long as another stack imported it.
    for (const id of KEY_IDS) {
      new ssm.StringParameter(this, `${pascal(id)}KeyArn`, {
        parameterName: keyArnParameter(props.stage, id),
        stringValue: this.keys[id].keyArn,
        description: `ARN of the ShopEasy ${props.stage} ${id} key, for the stacks that use it`,
      });
    }

    this.tables = Object.fromEntries(
      TABLES.map((spec) => [spec.id, this.table(spec, protect, removalPolicy)]),
    ) as Record<TableId, dynamodb.Table>;
    // A stream ARN ends in a label that changes whenever the stream is re-created: readers take it
    // from here at each deploy, as they take the keys.
    for (const spec of TABLES.filter((t) => t.stream)) {
      new ssm.StringParameter(this, `${pascal(spec.id)}StreamArn`, {
        parameterName: tableStreamParameter(props.stage, spec.id),
        stringValue: this.tables[spec.id].tableStreamArn!,
        description: `ARN of the ShopEasy ${props.stage} ${spec.id} table stream, for its relay`,
      });
    }

    this.eventsTopic = new sns.Topic(this, 'EventsTopic', {
      topicName: this.names.eventsTopic,
      masterKey: this.keys.events,
      enforceSSL: true,
    });

    const queues: Partial<Record<QueueId, sqs.Queue>> = {};
    const dlqs: Partial<Record<QueueId, sqs.Queue>> = {};
    for (const spec of QUEUES) [queues[spec.id], dlqs[spec.id]] = this.queue(spec);
    this.queues = queues as Record<QueueId, sqs.Queue>;
    this.deadLetterQueues = dlqs as Record<QueueId, sqs.Queue>;

    // Provisioned, not on-demand: the shard count the capacity model sized is the count readers see.
    this.inventoryStream = new kinesis.Stream(this, 'InventoryStream', {
      streamName: this.names.inventoryStream,
      streamMode: kinesis.StreamMode.PROVISIONED,
      shardCount: props.inventoryStreamShards ?? INVENTORY_STREAM.shardCount,
      retentionPeriod: Duration.hours(INVENTORY_STREAM.retentionHours),
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: this.keys.stream,
      removalPolicy,
    });

    [this.assetsBucket, this.accessLogsBucket] = this.buckets(removalPolicy, props.drReplication);

    this.senderIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: props.senderZone
        ? ses.Identity.publicHostedZone(senderZone(this, props.senderZone, this.names.sesFrom))
        : ses.Identity.email(this.names.sesFrom),
    });

    this.acknowledgeFindings();
  }

  /** cdk-nag findings this stack acknowledges, each with its reason. */
  private acknowledgeFindings(): void {
    const ack = (scope: Construct | undefined, id: string, reason: string) =>
      scope && Validations.of(scope).acknowledge({ id, reason });
    ack(
      this.inventoryStream,
      'AwsSolutions::AwsSolutions-KDS3',
      'Encrypted with the customer-managed stream key (rotation on), stricter than aws/kinesis as PCI DSS 3.4 asks',
    );
    const logs = this.accessLogsBucket;
    ack(
      logs,
      'PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS',
      'S3 server access logging cannot deliver to SSE-KMS buckets; the access-logs bucket uses SSE-S3',
    );
    ack(
      logs,
      'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled',
      'Access logs reach the DR region through the AWS Backup cross-region copy (tag backup: shopeasy)',
    );
    // Present only with drReplication: the role CDK generates for S3 replication.
    const replication = this.assetsBucket.node.tryFindChild('ReplicationRole');
    ack(
      replication,
      'PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy',
      'CDK-generated S3 replication role; its policy is scoped to the assets bucket, the DR bucket and their keys',
    );
    for (const finding of [
      'Action::kms:GenerateDataKey*',
      'Action::kms:ReEncrypt*',
      `Resource::<${this.getLogicalId(this.assetsBucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
    ]) {
      ack(
        replication,
        `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
        'S3 replication reads every object version of the assets bucket and re-encrypts it with the DR key',
      );
    }
  }

  private table(spec: TableSpec, protect: boolean, removalPolicy: RemovalPolicy): dynamodb.Table {
    const attr = (k: TableSpec['partitionKey']) => ({
      name: k.name,
      type: k.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
    });
    const table = new dynamodb.Table(this, `${pascal(spec.id)}Table`, {
      tableName: this.names.tables[spec.id],
      partitionKey: attr(spec.partitionKey),
      sortKey: attr(spec.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: spec.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.keys.tables,
      deletionProtection: protect,
      removalPolicy,
      ...(spec.stream ? { stream: dynamodb.StreamViewType[spec.stream] } : {}),
    });
    for (const index of spec.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attr(index.partitionKey),
        sortKey: attr(index.sortKey),
        ...projection(index.projection),
      });
    }
    Tags.of(table).add(BACKUP_TAG.key, BACKUP_TAG.value);
    return table;
  }

  private queue(spec: QueueSpec): [sqs.Queue, sqs.Queue] {
    const names = this.names.queues[spec.id];
    const common = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.keys.messaging,
      enforceSSL: true,
    };
    const dlq = new sqs.Queue(this, `${pascal(spec.id)}Dlq`, {
      ...common,
      queueName: names.dlqName,
      retentionPeriod: Duration.seconds(spec.dlq.retentionSeconds),
    });
    const queue = new sqs.Queue(this, `${pascal(spec.id)}Queue`, {
      ...common,
      queueName: names.name,
      visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(spec.retentionSeconds),
      deadLetterQueue: { queue: dlq, maxReceiveCount: spec.dlq.maxReceiveCount },
    });
    if (spec.subscription) {
      const { filter, rawMessageDelivery } = spec.subscription;
      const typeFilter = sns.SubscriptionFilter.stringFilter({
        ...(filter.types.length ? { allowlist: [...filter.types] } : {}),
        ...(filter.prefixes.length ? { matchPrefixes: [...filter.prefixes] } : {}),
      });
      this.eventsTopic.addSubscription(
        new subs.SqsSubscription(queue, {
          rawMessageDelivery,
          filterPolicy: { [EVENT_TYPE_ATTRIBUTE]: typeFilter },
        }),
      );
    }
    return [queue, dlq];
  }

  private buckets(removalPolicy: RemovalPolicy, dr: DataStackProps['drReplication']): [s3.Bucket, s3.Bucket] {
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    };
    // Server access logs cannot be delivered to SSE-KMS buckets, so this one uses S3-managed keys.
    const logs = new s3.Bucket(this, 'AccessLogsBucket', {
      ...common,
      bucketName: this.names.accessLogsBucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    });
    allowLoadBalancerLogsOn(this, logs);
    const assets = new s3.Bucket(this, 'AssetsBucket', {
      ...common,
      bucketName: this.names.assetsBucket,
      versioned: ASSETS_BUCKET.versioned,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.keys.storage,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'assets/',
      ...(dr
        ? {
            ...(dr.roleArn
              ? {
                  replicationRole: iam.Role.fromRoleArn(this, 'DrReplicationRole', dr.roleArn, {
                    mutable: false,
                  }),
                }
              : {}),
            replicationRules: [
              {
                destination: s3.Bucket.fromBucketArn(this, 'DrAssetsBucket', dr.bucketArn),
                kmsKey: kms.Key.fromKeyArn(this, 'DrAssetsKey', dr.kmsKeyArn),
                sseKmsEncryptedObjects: true,
                deleteMarkerReplication: true,
                priority: 1,
              },
            ],
          }
        : {}),
    });
    const role = assets.node.tryFindChild('ReplicationRole');
    if (dr && role) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${dr.bucketArn}/*]`,
        reason: 'S3 replication writes every object version into the DR bucket',
      });
    }
    for (const bucket of [assets, logs]) Tags.of(bucket).add(BACKUP_TAG.key, BACKUP_TAG.value);
    return [assets, logs];
  }
}

/**
 * What `logAccessLogs` would add to the bucket's policy for each load balancer, here where the
 * bucket is: the services stack names the bucket by its fixed name, and a policy statement added
 * through such a reference is dropped.
 */
function allowLoadBalancerLogsOn(stack: Stack, bucket: s3.Bucket): void {
  const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  // The region's Elastic Load Balancing account, or its log-delivery service where it has none.
  const elbAccount = Token.isUnresolved(stack.region) ? undefined : RegionInfo.get(stack.region).elbv2Account;
  const writer = elbAccount
    ? new iam.AccountPrincipal(elbAccount)
    : new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com');
  for (const prefix of LOAD_BALANCER_LOG_PREFIXES) {
    const objects = bucket.arnForObjects(`${prefix}/AWSLogs/${stack.account}/*`);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], principals: [writer], resources: [objects] }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        principals: [delivery],
        resources: [objects],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
  }
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetBucketAcl'],
      principals: [delivery],
      resources: [bucket.bucketArn],
    }),
  );
}

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** An index projection from the table spec: all, keys only, or the named attributes. */
function projection(
  spec: Projection,
): Pick<dynamodb.GlobalSecondaryIndexProps, 'projectionType' | 'nonKeyAttributes'> {
  if (spec === 'ALL') return { projectionType: dynamodb.ProjectionType.ALL };
  if (spec === 'KEYS_ONLY') return { projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  return { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...spec.include] };
}

/** The data stack as the local emulator gets it: local account and region, no deletion protection. */
export function createLocalDataStack(app: App, stage: string = LOCAL_STAGE): DataStack {
  return new DataStack(app, `ShopEasyData-${stage}`, {
    stage,
    env: { account: LOCAL_ACCOUNT, region: LOCAL_REGION },
    deletionProtection: false,
  });
}

// A domain identity needs no one to click a link in a mailbox: its DKIM records verify it.
function senderZone(
  scope: Construct,
  zone: NonNullable<DataStackProps['senderZone']>,
  sesFrom: string,
): route53.IPublicHostedZone {
  const domain = sesFrom.split('@')[1];
  if (domain !== zone.zoneName)
    throw new Error(`sesFrom ${sesFrom} must be an address of the hosted zone ${zone.zoneName}`);
  return route53.PublicHostedZone.fromPublicHostedZoneAttributes(scope, 'SenderZone', {
    hostedZoneId: zone.zoneId,
    zoneName: zone.zoneName,
  });
}
