import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, PCIDSS321Checks } from 'cdk-nag';
import { QUEUES, TABLES, dynamoProjection, filterPolicy, resourceNames } from '@shopeasy/resources';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_TAG, DataStack, createLocalDataStack } from '../lib/stacks/data-stack.js';

type Resource = { Properties: Record<string, unknown> };
interface NagReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}
const env = { account: '111122223333', region: 'eu-west-1' };
const drReplication = {
  bucketArn: 'arn:aws:s3:::shopeasy-prod-assets-dr-111122223333-eu-central-1',
  kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/00000000-0000-0000-0000-000000000000',
};

const drWithRole = {
  kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:alias/shopeasy-prod-dr-assets',
  roleArn: 'arn:aws:iam::111122223333:role/shopeasy-prod-assets-replication',
};

let prod: Template;
const names = resourceNames('prod', env);
const getAttId = (v: unknown) => (v as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

beforeAll(() => {
  const app = new App();
  // As bin/app.ts builds prod: its sender is an address of its hosted zone.
  const senderZone = { zoneName: 'shopeasy.example', zoneId: 'Z0000000000000000PROD' };
  const sesFrom = 'no-reply@shopeasy.example';
  prod = Template.fromStack(
    new DataStack(app, 'Data', { stage: 'prod', env, drReplication, sesFrom, senderZone }),
  );
});

describe('data stack', () => {
  it('When synthesized, then every table spec becomes a table with its keys, indexes and TTL', () => {
    // One table per service plus emails: the loops below check nothing if a list is empty.
    expect(TABLES.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(prod.findResources('AWS::DynamoDB::Table'))).toHaveLength(TABLES.length);
    for (const spec of TABLES) {
      prod.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: names.tables[spec.id],
        KeySchema: [
          { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: spec.sortKey.name, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
        ...(spec.indexes.length
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((i) =>
                Match.objectLike({ IndexName: i.name, Projection: dynamoProjection(i.projection) }),
              ),
            }
          : {}),
      });
    }
  });

  it('When synthesized, then no catalog index holds stock, units in carts or search tokens', () => {
    const catalog = Object.values(
      prod.findResources('AWS::DynamoDB::Table') as Record<string, Resource>,
    ).find((t) => t.Properties.TableName === names.tables.catalog);
    const indexes = catalog?.Properties.GlobalSecondaryIndexes as
      | { IndexName: string; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[]
      | undefined;
    // The listings and collections, without the dropped numeric-key gsi1 and gsi3.
    expect(indexes?.map((i) => i.IndexName).sort()).toEqual(['gsi2', 'gsi4', 'gsi5', 'gsi6', 'gsi7', 'gsi8']);
    for (const index of indexes ?? []) {
      expect(index.Projection.ProjectionType, index.IndexName).toBe('INCLUDE');
      expect(index.Projection.NonKeyAttributes, index.IndexName).toEqual(
        expect.arrayContaining(['name', 'priceAmount', 'ratingAverage', 'updatedAt']),
      );
      for (const hot of ['stock', 'inCarts', 'stockUpdatedAt', 'inCartsUpdatedAt', 'tokens'])
        expect(index.Projection.NonKeyAttributes, index.IndexName).not.toContain(hot);
    }
  });

  it('When synthesized, then every table has PITR, deletion protection and a rotating customer-managed KMS key', () => {
    const keys = prod.findResources('AWS::KMS::Key');
    const tables = Object.entries(prod.findResources('AWS::DynamoDB::Table') as Record<string, Resource>);
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const [id, table] of tables) {
      const p = table.Properties as Record<string, Record<string, unknown>>;
      expect(p.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.DeletionProtectionEnabled, id).toBe(true);
      expect(p.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      const key = keys[getAttId(p.SSESpecification!.KMSMasterKeyId)] as Resource | undefined;
      expect(key?.Properties.EnableKeyRotation, id).toBe(true);
    }
  });

  it('When synthesized, then every queue is KMS-encrypted and has its own DLQ with maxReceiveCount 5', () => {
    const queues = prod.findResources('AWS::SQS::Queue') as Record<string, Resource>;
    // Each queue spec and its DLQ.
    expect(QUEUES.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(queues)).toHaveLength(2 * QUEUES.length);
    const dlqs = new Set<string>();
    for (const queue of Object.values(queues)) {
      const redrive = queue.Properties.RedrivePolicy as
        { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
      if (!redrive) continue;
      const dlq = getAttId(redrive.deadLetterTargetArn);
      expect(queues[dlq], 'DLQ is a queue of this stack').toBeDefined();
      expect(dlqs.has(dlq), 'DLQ shared by two queues').toBe(false);
      expect(redrive.maxReceiveCount).toBe(5);
      dlqs.add(dlq);
    }
    expect(dlqs.size).toBe(QUEUES.length);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.RedrivePolicy !== undefined || dlqs.has(id), `${id} has a DLQ or is one`).toBe(
        true,
      );
      expect(queue.Properties.KmsMasterKeyId, id).toBeDefined();
    }
  });

  it('When synthesized, then subscribed queues receive the topic events their filter policy names', () => {
    const subscribed = QUEUES.filter((q) => q.subscription);
    // notifications and catalog events.
    expect(subscribed.length).toBeGreaterThanOrEqual(2);
    prod.resourceCountIs('AWS::SNS::Subscription', subscribed.length);
    for (const spec of subscribed) {
      prod.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: {
          'Fn::GetAtt': [
            Match.stringLikeRegexp(`^${spec.id.charAt(0).toUpperCase()}${spec.id.slice(1)}Queue`),
            'Arn',
          ],
        },
        FilterPolicy: filterPolicy(spec.subscription!.filter),
        RawMessageDelivery: spec.subscription!.rawMessageDelivery,
      });
    }
    prod.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: names.eventsTopic,
      KmsMasterKeyId: Match.anyValue(),
    });
  });

  it('When synthesized, then the inventory stream has 2 shards encrypted with a KMS key', () => {
    prod.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: names.inventoryStream,
      ShardCount: 2,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: Match.anyValue() },
    });
  });

  it('When synthesized, then every bucket is versioned, encrypted, private, TLS-only and tagged for backup', () => {
    const buckets = prod.findResources('AWS::S3::Bucket') as Record<string, Resource>;
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.BucketEncryption, id).toBeDefined();
      expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.Tags).toContainEqual({ Key: BACKUP_TAG.key, Value: BACKUP_TAG.value });
      prod.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      });
    }
    prod.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: names.assetsBucket,
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      ReplicationConfiguration: Match.objectLike({
        Rules: [Match.objectLike({ Destination: Match.objectLike({ Bucket: drReplication.bucketArn }) })],
      }),
    });
  });

  it('When synthesized, then every table is tagged for backup and the sender identity exists', () => {
    const tables = Object.values(prod.findResources('AWS::DynamoDB::Table') as Record<string, Resource>);
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) {
      expect(table.Properties.Tags).toContainEqual({ Key: BACKUP_TAG.key, Value: BACKUP_TAG.value });
    }
    prod.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'shopeasy.example' });
  });

  it('When synthesized for AWS, then the sender is its domain, verified by three DKIM records in its zone, with no mailbox link to click', () => {
    prod.resourceCountIs('AWS::SES::EmailIdentity', 1);
    const dkim = Object.values(
      prod.findResources('AWS::Route53::RecordSet') as Record<string, Resource>,
    ).filter(
      (r) => r.Properties.Type === 'CNAME' && JSON.stringify(r.Properties.Name).includes('DkimDNSTokenName'),
    );
    expect(dkim).toHaveLength(3);
    for (const record of dkim) expect(record.Properties.HostedZoneId).toBe('Z0000000000000000PROD');
  });

  it('When synthesized for local, then the sender stays an address identity, as the emulator verifies it', () => {
    Template.fromStack(createLocalDataStack(new App())).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: Match.stringLikeRegexp('^no-reply@'),
    });
  });

  it('When synthesized for local, then deletion protection is off and names carry the local stage', () => {
    const local = Template.fromStack(createLocalDataStack(new App()));
    local.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'shopeasy-local-users',
      DeletionProtectionEnabled: false,
    });
    local.resourcePropertiesCountIs('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true }, 0);
  });

  it.each([
    ['a replication role generated by CDK', drReplication],
    ['the replication role and key alias of the DR stack', { ...drReplication, ...drWithRole }],
  ])(
    'When checked by cdk-nag AwsSolutions and PCI DSS 3.2.1 with %s, then no finding is left unacknowledged',
    (_, dr) => {
      const outdir = mkdtempSync(join(tmpdir(), 'shopeasy-nag-'));
      try {
        const app = new App({ outdir });
        new DataStack(app, 'Data', { stage: 'prod', env, drReplication: dr });
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new PCIDSS321Checks(app));
        let failure: unknown;
        try {
          app.synth();
        } catch (error) {
          failure = error;
        }
        const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as NagReport;
        expect(report.pluginReports.map((p) => p.pluginName).sort()).toEqual(['AwsSolutions', 'PCI.DSS.321']);
        const open = report.pluginReports.flatMap((p) =>
          p.violations.map(
            (v) =>
              `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`,
          ),
        );
        expect(open).toEqual([]);
        expect(failure).toBeUndefined();
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  );
});
