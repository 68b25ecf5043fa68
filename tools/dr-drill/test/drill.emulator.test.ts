import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ASSETS_BUCKET_ENV, TABLE_ENV, TABLE_IDS } from '@shopeasy/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passed, runDrill, type DrillOptions } from '../src/drill.js';
import { reportLines } from '../src/report.js';
import { readTable } from '../src/tables.js';

// The drill against this project's own emulator (emulatorGlobalSetup), on a few items per table.
const endpoint = process.env.AWS_ENDPOINT_URL!;
const config = {
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const db = new DynamoDBClient(config);
const s3 = new S3Client({ ...config, forcePathStyle: true });
const tables = TABLE_IDS.map((id) => process.env[TABLE_ENV[id]]!);

function options(runId: string, afterRestore?: DrillOptions['afterRestore']): DrillOptions {
  return {
    db,
    s3,
    tables,
    bucket: process.env[ASSETS_BUCKET_ENV]!,
    damage: true,
    pace: { pollMs: 20, timeoutMs: 10_000 },
    runId,
    afterRestore,
  };
}

beforeAll(async () => {
  for (const table of tables)
    for (let n = 0; n < 6; n += 1)
      await db.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: `DRILL#${n}` }, sk: { S: 'ITEM' }, n: { N: String(n) }, tags: { SS: ['b', 'a'] } },
        }),
      );
});

afterAll(() => {
  db.destroy();
  s3.destroy();
});

describe('npm run dr:drill against the emulator', () => {
  it('When the tables are damaged after the backup and the point in time, then both restores have every recorded item, equal checksums, and the tables are repaired', async () => {
    const before = await Promise.all(tables.map((t) => readTable(db, t)));

    const report = await runDrill(options('t1'));

    const lines = reportLines(report);
    expect(lines.at(-1)).toBe(`PASS: 0 items lost across ${tables.length} tables`);
    for (const [i, t] of report.tables.entries()) {
      expect(t.error).toBeUndefined();
      expect(t.damage).toMatchObject({ deleted: 2, corrupted: 2 });
      expect(t.damage?.checksum).not.toBe(before[i]!.checksum);
      expect(t.restores.map((r) => [r.kind, r.count, r.checksum, r.lost])).toEqual([
        ['backup', 6, before[i]!.checksum, 0],
        ['point in time', 6, before[i]!.checksum, 0],
      ]);
    }
    expect(report.object).toMatchObject({ versioned: true });
    expect(passed(report)).toBe(true);
    // The live tables are back as recorded, and no restored table is left behind.
    expect((await Promise.all(tables.map((t) => readTable(db, t)))).map((s) => s.checksum)).toEqual(
      before.map((s) => s.checksum),
    );
    await expect(db.send(new ScanCommand({ TableName: `${tables[0]}-dr-t1-b` }))).rejects.toThrow();
  });

  it('When a restore loses an item, then the drill reports it lost and fails', async () => {
    const lose = async (restored: string): Promise<void> => {
      if (!restored.endsWith('-p') || !restored.startsWith(tables[3]!)) return;
      await db.send(
        new DeleteItemCommand({ TableName: restored, Key: { pk: { S: 'DRILL#5' }, sk: { S: 'ITEM' } } }),
      );
    };

    const report = await runDrill(options('t2', lose));

    expect(passed(report)).toBe(false);
    const orders = report.tables[3]!;
    expect(orders.restores.find((r) => r.kind === 'point in time')).toMatchObject({ count: 5, lost: 1 });
    expect(reportLines(report).at(-1)).toBe(`FAIL: 1 items lost across ${tables.length} tables`);
    expect(reportLines(report).some((line) => line.includes('MISMATCH'))).toBe(true);
  });
});
