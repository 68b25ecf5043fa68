import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  type StreamMode,
} from '@aws-sdk/client-kinesis';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import { CreateEmailIdentityCommand, GetEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import { errorName, tagList, type Creator } from './types.js';

/** AWS::Kinesis::Stream: shards (or on-demand) and retention; StreamEncryption needs a KMS key, so it is left out. */
export const createStream: Creator = async (props, { clients }) => {
  const name = String(props.Name);
  const mode =
    (props.StreamModeDetails as { StreamMode?: StreamMode } | undefined)?.StreamMode ?? 'PROVISIONED';
  let summary = await describeStream(name, clients);
  if (!summary) {
    await clients.kinesis.send(
      new CreateStreamCommand({
        StreamName: name,
        ...(mode === 'ON_DEMAND' ? {} : { ShardCount: Number(props.ShardCount ?? 1) }),
        StreamModeDetails: { StreamMode: mode },
      }),
    );
    summary = await describeStream(name, clients);
  }
  const hours = Number(props.RetentionPeriodHours ?? 24);
  if (summary && (summary.RetentionPeriodHours ?? 24) < hours) {
    await clients.kinesis.send(
      new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: hours }),
    );
  }
  if (!summary?.StreamARN) throw new Error(`Stream ${name} was not created`);
  return { Ref: name, Arn: summary.StreamARN };
};

async function describeStream(name: string, clients: Parameters<Creator>[1]['clients']) {
  try {
    return (await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })))
      .StreamDescriptionSummary;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/**
 * AWS::S3::Bucket: versioning, public access block and tags. Encryption with a KMS key,
 * access logging, lifecycle and replication have no local effect worth emulating.
 */
export const createBucket: Creator = async (props, { clients, region }) => {
  const name = String(props.BucketName);
  const s3 = clients.s3;
  try {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!['NotFound', 'NoSuchBucket'].includes(errorName(error))) throw error;
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  }
  const versioning = (props.VersioningConfiguration as { Status?: 'Enabled' | 'Suspended' } | undefined)
    ?.Status;
  if (versioning) {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: versioning } }),
    );
  }
  const publicAccess = props.PublicAccessBlockConfiguration as PublicAccessBlockConfiguration | undefined;
  if (publicAccess) {
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: publicAccess }),
    );
  }
  const tags = tagList(props);
  if (tags.length) await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: tags } }));
  return {
    Ref: name,
    Arn: `arn:aws:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
  };
};

/** AWS::S3::BucketPolicy. */
export const createBucketPolicy: Creator = async (props, { clients, logicalId }) => {
  await clients.s3.send(
    new PutBucketPolicyCommand({
      Bucket: String(props.Bucket),
      Policy: JSON.stringify(props.PolicyDocument),
    }),
  );
  return { Ref: logicalId };
};

/** AWS::SES::EmailIdentity via SES v2; the emulator lets a created identity send at once. */
export const createEmailIdentity: Creator = async (props, { clients }) => {
  const identity = String(props.EmailIdentity);
  try {
    await clients.sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
  } catch (error) {
    if (errorName(error) !== 'NotFoundException') throw error;
    await clients.sesv2.send(new CreateEmailIdentityCommand({ EmailIdentity: identity }));
  }
  return { Ref: identity };
};
