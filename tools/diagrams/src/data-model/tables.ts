// The DynamoDB tables as production deploys them: read from the prod data stack's template, so a
// key, index or projection changed in the CDK (or in packages/resources it builds from) shows here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The prod data stack's template in a synthesized assembly. */
export const DATA_TEMPLATE = 'ShopEasy-Prod-Data.template.json';

export interface KeyAttribute {
  readonly name: string;
  /** S, N or B. */
  readonly type: string;
}

export interface TableIndex {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** ALL, KEYS_ONLY or INCLUDE, with the included attributes. */
  readonly projection: { readonly type: string; readonly attributes: readonly string[] };
}

export interface TableModel {
  /** The table's short name: its physical name without `shopeasy-<stage>-`. */
  readonly id: string;
  readonly physicalName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly TableIndex[];
  readonly ttlAttribute?: string;
  readonly streamView?: string;
  readonly billingMode?: string;
}

interface KeySchemaEntry {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}
interface IndexProperties {
  IndexName: string;
  KeySchema: KeySchemaEntry[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}
interface TableProperties {
  TableName?: unknown;
  KeySchema: KeySchemaEntry[];
  AttributeDefinitions?: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: IndexProperties[];
  LocalSecondaryIndexes?: IndexProperties[];
  TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean };
  StreamSpecification?: { StreamViewType?: string };
  BillingMode?: string;
}
interface Template {
  Resources?: Record<string, { Type: string; Properties?: TableProperties }>;
}

/** Every table of the prod data stack, by short name. */
export function readTables(assembly: string): TableModel[] {
  const file = join(assembly, DATA_TEMPLATE);
  if (!existsSync(file)) throw new Error(`${file} does not exist: synthesize the CDK app (npm run synth)`);
  return tablesOf(JSON.parse(readFileSync(file, 'utf8')) as Template);
}

/** The tables a CloudFormation template defines, sorted by short name. */
export function tablesOf(template: Template): TableModel[] {
  const tables: TableModel[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::DynamoDB::Table' || !resource.Properties) continue;
    const p = resource.Properties;
    const types = new Map((p.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
    const keys = (schema: KeySchemaEntry[]) => {
      const key = (kind: KeySchemaEntry['KeyType']) => {
        const name = schema.find((k) => k.KeyType === kind)?.AttributeName;
        return name === undefined ? undefined : { name, type: types.get(name) ?? '?' };
      };
      const partitionKey = key('HASH');
      if (!partitionKey) throw new Error(`${logicalId} has a key schema without a partition key`);
      const sortKey = key('RANGE');
      return { partitionKey, ...(sortKey ? { sortKey } : {}) };
    };
    const index = (kind: TableIndex['kind']) => (i: IndexProperties) => ({
      name: i.IndexName,
      kind,
      ...keys(i.KeySchema),
      projection: {
        type: i.Projection?.ProjectionType ?? 'KEYS_ONLY',
        attributes: [...(i.Projection?.NonKeyAttributes ?? [])],
      },
    });
    const physicalName = typeof p.TableName === 'string' ? p.TableName : logicalId;
    const ttl = p.TimeToLiveSpecification;
    tables.push({
      id: physicalName.replace(/^shopeasy-[a-z0-9]+-/, ''),
      physicalName,
      ...keys(p.KeySchema),
      indexes: [
        ...(p.GlobalSecondaryIndexes ?? []).map(index('GSI')),
        ...(p.LocalSecondaryIndexes ?? []).map(index('LSI')),
      ].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
      ...(ttl?.Enabled && ttl.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
      ...(p.StreamSpecification?.StreamViewType ? { streamView: p.StreamSpecification.StreamViewType } : {}),
      ...(p.BillingMode ? { billingMode: p.BillingMode } : {}),
    });
  }
  return tables.sort((a, b) => a.id.localeCompare(b.id));
}
