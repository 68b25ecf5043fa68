import { ack } from './nag-ack.js';
import { BACKUP_TAG, type DataStack } from '../stacks/data-stack.js';

/**
 * The NIST 800-53 rev 5 findings of the data stack; its AwsSolutions and PCI DSS findings are
 * acknowledged in the stack itself, and the NIST twins below reuse their reasons.
 */
export function acknowledgeDataFindings(data: DataStack): void {
  for (const table of Object.values(data.tables)) {
    ack(
      table,
      'NIST.800.53.R5-DynamoDBInBackupPlan',
      `In the backup stack's plan through its tag selection (${BACKUP_TAG.key}=${BACKUP_TAG.value}, tagged in data-stack.ts); the rule only sees selections naming the table in its own stack`,
    );
  }
  const logs = data.accessLogsBucket;
  ack(
    logs,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'S3 server access logging cannot deliver to SSE-KMS buckets; the access-logs bucket uses SSE-S3',
  );
  ack(
    logs,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'Access logs reach the DR region through the AWS Backup cross-region copy (tag backup: shopeasy)',
  );
  // Present only with drReplication: the role CDK generates for S3 replication.
  const replication = data.assetsBucket.node.tryFindChild('ReplicationRole');
  if (replication) {
    ack(
      replication,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      'CDK-generated S3 replication role; its policy is scoped to the assets bucket, the DR bucket and their keys',
    );
  }
}
