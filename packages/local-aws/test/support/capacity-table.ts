import { CreateTableCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CapacityReading, DynamoDbCapacityRow } from '../../src/index.js';

export type Item = Record<string, AttributeValue>;

/**
 * A table like ShopEasy's: pk/sk, a GSI projecting ALL (`byCategory`, key `category`) and one
 * projecting only `name` (`byBrand`, INCLUDE, key `brand`).
 */
export async function createCapacityTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'category', 'brand'].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCategory',
          KeySchema: [{ AttributeName: 'category', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byBrand',
          KeySchema: [{ AttributeName: 'brand', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] },
        },
      ],
    }),
  );
}

/**
 * An item of exactly `bytes` bytes by DynamoDB's rule (attribute names plus values; the strings
 * here are ASCII, one byte a character), padded by a `body` attribute.
 */
export function itemOfSize(bytes: number, attributes: Record<string, string>): Item {
  const fixed = Object.entries(attributes).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  const body = bytes - fixed - 'body'.length;
  if (body < 0) throw new Error(`attributes alone take ${fixed} bytes, more than ${bytes}`);
  const item: Item = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { S: v }]));
  return { ...item, body: { S: 'b'.repeat(body) } };
}

/** The reading's DynamoDB rows of one table, optionally of one index (null: the base table). */
export function rowsOf(
  reading: CapacityReading,
  table: string,
  index?: string | null,
): DynamoDbCapacityRow[] {
  return reading.dynamodb.filter((r) => r.table === table && (index === undefined || r.index === index));
}

export const sum = (rows: readonly DynamoDbCapacityRow[], field: 'units' | 'requests' | 'bytes') =>
  rows.reduce((total, row) => total + row[field], 0);
