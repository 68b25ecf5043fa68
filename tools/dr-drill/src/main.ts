// `npm run dr:drill`: the restore drill (see flags.ts for what it does and its options).
// Exits 0 when every restore equals the record, 1 on any mismatch, 2 on bad flags.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { resourceNames, TABLE_IDS } from '@shopeasy/resources';
import { passed, runDrill } from './drill.js';
import { parseFlags, UsageError, type DrillFlags } from './flags.js';
import { reportLines } from './report.js';

let flags: DrillFlags;
try {
  flags = parseFlags(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  (error.asked ? console.log : console.error)(error.message);
  process.exit(error.asked ? 0 : 2);
}

// The SDK's default credential chain reads the profile from the environment.
if (flags.profile) process.env.AWS_PROFILE = flags.profile;
const local = flags.endpoint !== undefined;
const config = local
  ? {
      endpoint: flags.endpoint,
      region: flags.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }
  : { region: flags.region };
const db = new DynamoDBClient(config);
// Path-style addressing: bucket names do not resolve as subdomains of a local endpoint.
const s3 = new S3Client({ ...config, forcePathStyle: local });
const names = resourceNames(flags.environment, { account: flags.account, region: flags.region });

console.log(
  `Restore drill against ${local ? `the emulator at ${flags.endpoint}` : `AWS ${flags.region} (no damage: live tables are only read)`}, environment ${flags.environment}`,
);
const report = await runDrill({
  db,
  s3,
  tables: TABLE_IDS.map((id) => names.tables[id]),
  bucket: flags.bucket ?? names.assetsBucket,
  damage: local,
  pace: local ? { pollMs: 50, timeoutMs: 60_000 } : { pollMs: 10_000, timeoutMs: 60 * 60_000 },
  runId: new Date().toISOString().replace(/\D/g, '').slice(0, 14),
});
reportLines(report).forEach((line) => console.log(line));
db.destroy();
s3.destroy();
process.exit(passed(report) ? 0 : 1);
