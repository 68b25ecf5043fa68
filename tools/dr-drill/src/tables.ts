import {
  CreateBackupCommand,
  DeleteBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableChecksum, type StoredItem } from './checksum.js';

export interface TableState {
  readonly items: StoredItem[];
  readonly count: number;
  readonly checksum: string;
}

/** How often a wait asks again: AWS restores take minutes, the emulator's milliseconds. */
export interface Pace {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

export async function readTable(db: DynamoDBClient, table: string): Promise<TableState> {
  const items: StoredItem[] = [];
  let start: StoredItem | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, count: items.length, checksum: tableChecksum(items) };
}

async function until(what: string, pace: Pace, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + pace.timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pace.pollMs));
  }
}

export async function waitActive(db: DynamoDBClient, table: string, pace: Pace): Promise<void> {
  await until(`${table} to be ACTIVE`, pace, async () => {
    const found = await db.send(new DescribeTableCommand({ TableName: table }));
    return found.Table?.TableStatus === 'ACTIVE';
  });
}

/** Whether PITR is on; `enable` turns it on first (the emulator only: AWS tables come from the CDK). */
export async function pointInTimeEnabled(
  db: DynamoDBClient,
  table: string,
  enable: boolean,
): Promise<boolean> {
  const found = await db.send(new DescribeContinuousBackupsCommand({ TableName: table }));
  const status =
    found.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  if (status === 'ENABLED' || !enable) return status === 'ENABLED';
  await db.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  return true;
}

/** Waits until the table's latest restorable time has reached `when` (AWS lags about 5 minutes). */
export async function waitRestorable(
  db: DynamoDBClient,
  table: string,
  when: Date,
  pace: Pace,
): Promise<void> {
  await until(`${table}'s point in time ${when.toISOString()} to be restorable`, pace, async () => {
    const found = await db.send(new DescribeContinuousBackupsCommand({ TableName: table }));
    const latest =
      found.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.LatestRestorableDateTime;
    return latest !== undefined && latest.getTime() >= when.getTime();
  });
}

export async function createBackup(
  db: DynamoDBClient,
  table: string,
  name: string,
  pace: Pace,
): Promise<string> {
  const made = await db.send(new CreateBackupCommand({ TableName: table, BackupName: name }));
  const arn = made.BackupDetails?.BackupArn;
  if (!arn) throw new Error(`CreateBackup of ${table} returned no ARN`);
  await until(`backup ${name}`, pace, async () => {
    const found = await db.send(new DescribeBackupCommand({ BackupArn: arn }));
    return found.BackupDescription?.BackupDetails?.BackupStatus === 'AVAILABLE';
  });
  return arn;
}

export async function deleteBackup(db: DynamoDBClient, arn: string): Promise<void> {
  await db.send(new DeleteBackupCommand({ BackupArn: arn }));
}

export async function deleteTable(db: DynamoDBClient, table: string): Promise<void> {
  await db.send(new DeleteTableCommand({ TableName: table })).catch((error: Error) => {
    if (error.name !== 'ResourceNotFoundException') throw error;
  });
}
