import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoProjection, tableSpec } from '@shopeasy/resources';
import { awsClientConfig } from '@shopeasy/service-kit/aws';
import { loadConfig } from '@shopeasy/service-kit/config';

/**
 * An empty catalog table in the test emulator, built from the same spec as the real one, for
 * tests that need a store nobody else writes to. Returns its name and a function deleting it.
 */
export async function freshCatalogTable(): Promise<{ name: string; drop(): Promise<void> }> {
  const spec = tableSpec('catalog');
  const name = `catalog-test-${randomUUID().slice(0, 8)}`;
  const client = new DynamoDBClient(awsClientConfig(loadConfig(0, {})));
  const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: spec.billingMode,
      KeySchema: [
        { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: spec.sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: dynamoProjection(index.projection),
      })),
    }),
  );
  return {
    name,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: name }));
      client.destroy();
    },
  };
}
