import {
  DescribeTableCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { damageTable, repairTable } from './damage.js';
import { restoreObjectVersion, restoreObjectVersionLocally } from './object-version.js';
import { compare, type DrillReport, type RestoreResult, type TableResult } from './results.js';
import * as tables from './tables.js';
import type { Pace, TableState } from './tables.js';

export { passed, type DrillReport } from './results.js';

export interface DrillOptions {
  readonly db: DynamoDBClient;
  readonly s3: S3Client;
  readonly tables: readonly string[];
  readonly bucket: string;
  /** Damage the tables between record and restore (the emulator only: never on AWS). */
  readonly damage: boolean;
  readonly pace: Pace;
  readonly runId: string;
  /** Called on each restored table before it is compared (a test makes a restore lose an item). */
  readonly afterRestore?: (restoredTable: string) => Promise<void>;
}

// Writes are timed to the millisecond on the wire: keep the noted time clear of the writes around it.
async function nextMillisecond(): Promise<Date> {
  const start = Date.now();
  while (Date.now() <= start + 1) await new Promise((resolve) => setTimeout(resolve, 1));
  return new Date();
}

async function restoreAndRead(
  options: DrillOptions,
  kind: RestoreResult['kind'],
  target: string,
  start: () => Promise<unknown>,
  recorded: TableState,
): Promise<RestoreResult> {
  const started = performance.now();
  await start();
  await tables.waitActive(options.db, target, options.pace);
  const ms = performance.now() - started;
  await options.afterRestore?.(target);
  return compare(kind, recorded, await tables.readTable(options.db, target), ms);
}

/** The drill for one table; restored tables and the backup are deleted whatever happens. */
async function drillTable(
  options: DrillOptions,
  table: string,
  pointInTime: Promise<Date>,
  record: TableState,
  backupArn: string,
) {
  const { db } = options;
  const key = await db.send(new DescribeTableCommand({ TableName: table }));
  const keys = (key.Table?.KeySchema ?? []).map((k) => k.AttributeName ?? '');
  const when = await pointInTime;
  let damage: TableResult['damage'];
  if (options.damage) {
    const done = await damageTable(db, table, record.items, keys);
    damage = { ...done, checksum: (await tables.readTable(db, table)).checksum };
  }
  const fromBackup = `${table}-dr-${options.runId}-b`;
  const toTime = `${table}-dr-${options.runId}-p`;
  try {
    await tables.waitRestorable(db, table, when, options.pace);
    const restores = await Promise.all([
      restoreAndRead(
        options,
        'backup',
        fromBackup,
        () =>
          db.send(new RestoreTableFromBackupCommand({ TargetTableName: fromBackup, BackupArn: backupArn })),
        record,
      ),
      restoreAndRead(
        options,
        'point in time',
        toTime,
        () =>
          db.send(
            new RestoreTableToPointInTimeCommand({
              SourceTableName: table,
              TargetTableName: toTime,
              RestoreDateTime: when,
            }),
          ),
        record,
      ),
    ]);
    return { damage, restores };
  } finally {
    await Promise.all([
      tables.deleteTable(db, fromBackup),
      tables.deleteTable(db, toTime),
      tables.deleteBackup(db, backupArn),
    ]);
    if (options.damage) await repairTable(db, table, record.items);
  }
}

export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const { db } = options;
  const prepared = new Map<string, { record: TableState; backupArn: string } | { error: string }>();
  for (const table of options.tables) {
    try {
      if (!(await tables.pointInTimeEnabled(db, table, options.damage)))
        throw new Error('point-in-time recovery is not enabled');
      const record = await tables.readTable(db, table);
      const backupArn = await tables.createBackup(db, table, `dr-drill-${options.runId}`, options.pace);
      prepared.set(table, { record, backupArn });
    } catch (error) {
      prepared.set(table, { error: (error as Error).message });
    }
  }
  // One point in time for all tables, after every record and backup and before any damage.
  const pointInTime = nextMillisecond().then(async (when) => (await nextMillisecond(), when));
  const results = await Promise.all(
    options.tables.map(async (table): Promise<TableResult> => {
      const ready = prepared.get(table)!;
      if ('error' in ready)
        return { table, recorded: { count: 0, checksum: '-' }, restores: [], error: ready.error };
      const recorded = { count: ready.record.count, checksum: ready.record.checksum };
      try {
        return {
          table,
          recorded,
          ...(await drillTable(options, table, pointInTime, ready.record, ready.backupArn)),
        };
      } catch (error) {
        return { table, recorded, restores: [], error: (error as Error).message };
      }
    }),
  );
  const restoreObject = options.damage ? restoreObjectVersionLocally : restoreObjectVersion;
  const object = await restoreObject(options.s3, options.bucket, options.runId).catch((error: Error) => ({
    error: `${error.name}: ${error.message}`,
  }));
  return { tables: results, object };
}
