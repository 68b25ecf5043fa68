import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { errorName, tagList, type Creator } from './types.js';

interface TableProps {
  TableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean };
  DeletionProtectionEnabled?: boolean;
  StreamSpecification?: { StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' };
}

/**
 * AWS::DynamoDB::Table: keys, GSIs, billing, streams, TTL and PITR. SSESpecification is left
 * out: KMS keys are not created locally (see provision.ts).
 */
export const createTable: Creator = async (raw, { clients }) => {
  const props = raw as unknown as TableProps;
  const db = clients.dynamodb;
  let table = await describe(props.TableName, db);
  if (!table) {
    try {
      const created = await db.send(
        new CreateTableCommand({
          TableName: props.TableName,
          KeySchema: props.KeySchema,
          AttributeDefinitions: props.AttributeDefinitions,
          BillingMode: props.BillingMode ?? 'PROVISIONED',
          ProvisionedThroughput: props.ProvisionedThroughput,
          GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.length
            ? props.GlobalSecondaryIndexes
            : undefined,
          DeletionProtectionEnabled: props.DeletionProtectionEnabled,
          StreamSpecification: props.StreamSpecification
            ? { StreamEnabled: true, StreamViewType: props.StreamSpecification.StreamViewType }
            : undefined,
          Tags: tagList(raw),
        }),
      );
      table = created.TableDescription;
    } catch (error) {
      // Another provisioner created it first: fine, it is the same definition.
      if (errorName(error) !== 'ResourceInUseException') throw error;
      table = await describe(props.TableName, db);
    }
  } else {
    await addMissingIndexes(props, table, db);
  }

  const ttl = props.TimeToLiveSpecification;
  if (ttl?.Enabled) {
    const current = await db.send(new DescribeTimeToLiveCommand({ TableName: props.TableName }));
    const status = current.TimeToLiveDescription;
    if (status?.TimeToLiveStatus !== 'ENABLED' || status.AttributeName !== ttl.AttributeName) {
      await db.send(
        new UpdateTimeToLiveCommand({ TableName: props.TableName, TimeToLiveSpecification: ttl }),
      );
    }
  }
  if (props.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled) {
    const backups = await db.send(new DescribeContinuousBackupsCommand({ TableName: props.TableName }));
    const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    if (pitr?.PointInTimeRecoveryStatus !== 'ENABLED') {
      await db.send(
        new UpdateContinuousBackupsCommand({
          TableName: props.TableName,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
    }
  }
  if (!table?.TableArn) throw new Error(`Table ${props.TableName} has no ARN`);
  return {
    Ref: props.TableName,
    Arn: table.TableArn,
    ...(table.LatestStreamArn ? { StreamArn: table.LatestStreamArn } : {}),
  };
};

async function describe(name: string, db: Parameters<Creator>[1]['clients']['dynamodb']) {
  try {
    return (await db.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** An emulator that outlived a change to the stack gets the indexes added since. */
async function addMissingIndexes(
  props: TableProps,
  table: TableDescription,
  db: Parameters<Creator>[1]['clients']['dynamodb'],
): Promise<void> {
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of props.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await db.send(
      new UpdateTableCommand({
        TableName: props.TableName,
        AttributeDefinitions: props.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}
