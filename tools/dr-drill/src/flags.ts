import { LOCAL_ENDPOINT, LOCAL_REGION, LOCAL_STAGE } from '@shopeasy/resources';

export const HELP = `npm run dr:drill -- [options]

Restore drill. For every ShopEasy table it records the item count and a checksum, takes an
on-demand backup (CreateBackup) and notes a point in time, restores into new tables from the
backup (RestoreTableFromBackup) and to that time (RestoreTableToPointInTime), compares each
restored table with the record, and restores a probe object of the assets bucket from its
previous version. It prints counts, checksums and restore times, deletes what it restored and
exits 1 on any mismatch.

Against the emulator (the default) it also damages the tables between the record and the
restores (deletes and corrupts items) and repairs them afterwards. Against AWS (no --endpoint)
it damages nothing: the live tables are only read, and the restores are compared with the
recorded state (run it when the environment is quiet: writes after the record show as changes).

  --endpoint <url>     emulator endpoint (default ${LOCAL_ENDPOINT} when neither flag below is given)
  --environment <name> stage whose tables are drilled (default ${LOCAL_STAGE})
  --region <region>    AWS region (default ${LOCAL_REGION})
  --profile <name>     AWS profile (AWS mode: uses the real endpoints, no --endpoint)
  --account <id>       account id, to name the assets bucket (AWS mode, unless --bucket)
  --bucket <name>      assets bucket (default: shopeasy-<environment>-assets-<account>-<region>)
  --help               this text`;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly asked = false,
  ) {
    super(message);
  }
}

export interface DrillFlags {
  /** Emulator endpoint; undefined means AWS through the default endpoints. */
  readonly endpoint?: string;
  readonly environment: string;
  readonly region: string;
  readonly profile?: string;
  readonly account?: string;
  readonly bucket?: string;
}

const VALUED = ['endpoint', 'environment', 'region', 'profile', 'account', 'bucket'] as const;
type Valued = (typeof VALUED)[number];

export function parseFlags(argv: readonly string[]): DrillFlags {
  const values: Partial<Record<Valued, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new UsageError(HELP, true);
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split('=', 2) : [];
    if (!name || !(VALUED as readonly string[]).includes(name)) throw new UsageError(`Unknown option ${arg}`);
    const value = inline ?? argv[(i += 1)];
    if (!value) throw new UsageError(`--${name} needs a value`);
    values[name as Valued] = value;
  }
  const aws = values.profile !== undefined || values.account !== undefined;
  if (aws && values.endpoint)
    throw new UsageError('--endpoint is for the emulator; --profile/--account for AWS');
  const endpoint = values.endpoint ?? (aws ? undefined : LOCAL_ENDPOINT);
  if (!endpoint && !values.account && !values.bucket)
    throw new UsageError('Against AWS, give --account (or --bucket) to name the assets bucket');
  return {
    endpoint,
    environment: values.environment ?? LOCAL_STAGE,
    region: values.region ?? LOCAL_REGION,
    profile: values.profile,
    account: values.account,
    bucket: values.bucket,
  };
}
