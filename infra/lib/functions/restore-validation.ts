import { Logger } from '@aws-lambda-powertools/logger';
import {
  BackupClient,
  DescribeRestoreJobCommand,
  PutRestoreValidationResultCommand,
  type DescribeRestoreJobCommandOutput,
} from '@aws-sdk/client-backup';
import { DescribeBackupCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const logger = new Logger({ serviceName: 'restore-validation' });

/** The clients the checks use, so a test can answer for AWS. */
export interface ValidationApis {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
}

export interface Verdict {
  readonly status: 'SUCCESSFUL' | 'FAILED';
  readonly message: string;
}

const lastPart = (arn: string, separator: string): string => arn.slice(arn.lastIndexOf(separator) + 1);

async function countItems(db: ValidationApis['dynamodb'], table: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return count;
}

/** The drill's checks on a restored table: readable, and at least as many items as the backup recorded. */
async function checkTable(apis: ValidationApis, job: DescribeRestoreJobCommandOutput): Promise<Verdict> {
  const table = lastPart(job.CreatedResourceArn ?? '', '/');
  const items = await countItems(apis.dynamodb, table);
  const point = job.RecoveryPointArn ?? '';
  // A DynamoDB backup records the item count of its source; an AWS Backup recovery point does not.
  const recorded = point.startsWith('arn:aws:dynamodb:')
    ? (await apis.dynamodb.send(new DescribeBackupCommand({ BackupArn: point }))).BackupDescription
        ?.SourceTableDetails?.ItemCount
    : undefined;
  if (recorded !== undefined && items < recorded)
    return {
      status: 'FAILED',
      message: `${table}: ${items} items restored, the backup recorded ${recorded}`,
    };
  return {
    status: 'SUCCESSFUL',
    message: `${table}: readable, ${items} items${recorded === undefined ? '' : ` (backup recorded ${recorded})`}`,
  };
}

async function checkBucket(apis: ValidationApis, job: DescribeRestoreJobCommandOutput): Promise<Verdict> {
  const bucket = lastPart(job.CreatedResourceArn ?? '', ':');
  const listed = await apis.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
  const objects = listed.KeyCount ?? 0;
  if (objects === 0 && (job.BackupSizeInBytes ?? 0) > 0)
    return {
      status: 'FAILED',
      message: `${bucket}: empty, the recovery point held ${job.BackupSizeInBytes} bytes`,
    };
  return {
    status: 'SUCCESSFUL',
    message: `${bucket}: readable, ${objects}${listed.IsTruncated ? '+' : ''} objects`,
  };
}

/** Validates one completed restore job of ShopEasy's restore testing plan and reports the verdict. */
export async function validateRestore(
  apis: ValidationApis,
  restoreJobId: string,
  planArn: string,
): Promise<Verdict | undefined> {
  const job = await apis.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: restoreJobId }));
  // Only the plan's own test restores: an operator's restore is not this function's to judge.
  if (job.CreatedBy?.RestoreTestingPlanArn !== planArn || job.Status !== 'COMPLETED') return undefined;
  const verdict = await (
    job.ResourceType === 'DynamoDB' ? checkTable(apis, job) : checkBucket(apis, job)
  ).catch((error: Error): Verdict => ({
    status: 'FAILED',
    message: `not readable: ${error.name}: ${error.message}`,
  }));
  await apis.backup.send(
    new PutRestoreValidationResultCommand({
      RestoreJobId: restoreJobId,
      ValidationStatus: verdict.status,
      ValidationStatusMessage: verdict.message.slice(0, 1000),
    }),
  );
  logger.info('restore validated', { restoreJobId, resourceType: job.ResourceType, ...verdict });
  return verdict;
}

/** EventBridge: a "Restore Job State Change" of AWS Backup. */
export async function handler(event: { detail: { restoreJobId: string } }): Promise<void> {
  const apis = { backup: new BackupClient({}), dynamodb: new DynamoDBClient({}), s3: new S3Client({}) };
  await validateRestore(apis, event.detail.restoreJobId, process.env.RESTORE_TESTING_PLAN_ARN ?? '');
}
