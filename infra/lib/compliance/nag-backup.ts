import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { acceptFunction, ack } from './nag-ack.js';
import type { BackupStack } from '../stacks/backup-stack.js';

/** Why the validation function's policy has `*` actions beyond X-Ray's. */
export const RESTORE_JOBS_WILDCARD =
  'backup:DescribeRestoreJob and backup:PutRestoreValidationResult have no resource-level permissions, nor do the X-Ray calls';

/**
 * The restore validation function's own grants (acknowledgeFunction covers what every function
 * shares): it reads copies whose names AWS Backup chooses at restore time.
 */
export function acknowledgeBackupFindings(backup: BackupStack): void {
  const fn = backup.restoreTesting.function;
  const { account, region } = Stack.of(fn);
  const policy = (fn.role as iam.Role).node.tryFindChild('DefaultPolicy');
  const restored =
    'AWS Backup names each restored test copy when it creates it, so no name is known beforehand';
  ack(
    policy,
    `AwsSolutions-IAM5[Resource::arn:aws:dynamodb:${region}:${account}:table/*]`,
    `Scan only: ${restored}`,
  );
  ack(
    policy,
    `AwsSolutions-IAM5[Resource::arn:aws:dynamodb:${region}:${account}:table/*/backup/*]`,
    `DescribeBackup only, for the item count the backup recorded: ${restored}`,
  );
  ack(
    policy,
    'AwsSolutions-IAM5[Resource::arn:aws:s3:::*]',
    `ListBucket only, in this account (s3:ResourceAccount): ${restored}`,
  );
  ack(
    policy,
    `AwsSolutions-IAM5[Resource::arn:aws:kms:${region}:${account}:key/*]`,
    'Decrypt only through DynamoDB (kms:ViaService): a restored table keeps the key of the table it was backed up from',
  );
  acceptFunction(
    fn,
    'deadLetter',
    'EventBridge invokes it asynchronously and retries twice; an unvalidated restore test shows in AWS Backup',
  );
  acceptFunction(
    fn,
    'concurrency',
    'Runs once per restore test (a few a week); a concurrency reservation would only take capacity from the account',
  );
}
