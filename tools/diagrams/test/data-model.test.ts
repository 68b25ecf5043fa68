import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSettings } from '@shopeasy/capacity/settings';
import type { DynamoRow, LoadResults, ScenarioCapacity } from '@shopeasy/capacity/load-results';
import { accessPatterns, type AccessInputs } from '../src/data-model/access-patterns.js';
import { summarize } from '../src/data-model/summarize.js';
import { tablesOf } from '../src/data-model/tables.js';
import { dataModelDot } from '../src/diagrams/data-model.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ORDER = 'ord_01JBKES7W028BM4VW4SKNA42DK';
const USER = 'usr_01JBKES7W028BM4VW4SKNA42DK';

const key = (name: string, KeyType: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType });
const ordersTable = (indexes: { name: string; projection: object }[]) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: 'shopeasy-prod-orders',
    KeySchema: [key('pk', 'HASH'), key('sk', 'RANGE')],
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi9pk'].map((a) => ({
      AttributeName: a,
      AttributeType: 'S',
    })),
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [key(`${i.name}pk`, 'HASH'), ...(i.name === 'gsi9' ? [] : [key(`${i.name}sk`, 'RANGE')])],
      Projection: i.projection,
    })),
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    BillingMode: 'PAY_PER_REQUEST',
  },
});
const GSI1 = {
  name: 'gsi1',
  projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status', 'total'] },
};

const row = (over: Partial<DynamoRow>): DynamoRow => ({
  table: 'shopeasy-local-orders',
  index: null,
  partition: `ORDER#${ORDER}`,
  item: null,
  operation: 'PutItem',
  kind: 'write',
  consistent: false,
  transactional: false,
  requests: 10,
  units: 20,
  bytes: 1000,
  maxItemBytes: 100,
  ...over,
});

/** A load run of 10 checkouts: 2 WCU per checkout on the order, 0.5 on open work, 0.5 RCU on the user's orders index. */
function inputs(orderUnits = 20): AccessInputs {
  const checkout: ScenarioCapacity = {
    requests: { checkout: 10 },
    seconds: 1,
    kinesis: [],
    dynamodb: [
      row({ units: orderUnits }),
      row({ index: 'gsi1', partition: `USER#${USER}`, operation: 'Query', kind: 'read', units: 5 }),
      ...[0, 1, 2, 3, 4].map((shard) => row({ partition: `OPEN_WORK#${shard}`, units: 1 })),
    ],
  };
  const results: LoadResults & { capacity: Record<string, ScenarioCapacity> } = {
    date: '2026-12-01T00:00:00Z',
    scenarios: [],
    capacity: { checkout },
  };
  return { results, settings: readSettings(root) };
}

describe('data model', () => {
  it('When a table is drawn, then its keys and each index with its keys and projection show', () => {
    const [orders] = tablesOf({ Resources: { Orders: ordersTable([GSI1]) } });
    const dot = dataModelDot([orders!], inputs());
    expect(dot).toContain('<B>orders</B>');
    expect(dot).toContain('PK pk (S) · SK sk (S) · TTL expiresAt · on-demand');
    expect(dot).toMatch(
      /<B>gsi1<\/B>(&#160;)+GSI.*gsi1pk \(S\) \/ gsi1sk \(S\).*INCLUDE \(2\):<BR\/>status, total/s,
    );
  });

  it('When checkouts write an order, then the cost per request the capacity model derives is listed', () => {
    const [orders] = tablesOf({ Resources: { Orders: ordersTable([GSI1]) } });
    const dot = dataModelDot([orders!], inputs());
    expect(dot).toMatch(/checkout.*<B>W<\/B>.*table.*PutItem.*ORDER#&lt;order&gt;.*2 WCU/);
    expect(dot).toMatch(/checkout.*R.*gsi1.*Query.*USER#&lt;user&gt;.*0\.5 RCU/);
    // The scenario's edge to the table sums what one checkout spends there.
    expect(dot).toContain('"scenario:checkout" -> "table:orders" [label="R 0.5 RCU\\nW 2.5 WCU"');
  });

  it('When a pattern spreads over shards, then they fold into one row with its key count', () => {
    const rows = summarize(accessPatterns(inputs()));
    expect(rows.find((r) => r.pattern === 'OPEN_WORK#<shard>')).toMatchObject({
      keys: 5,
      unitsPerRequest: 0.5,
    });
  });

  it('When an index is added or a cost changes, then the picture changes', () => {
    const before = dataModelDot(tablesOf({ Resources: { Orders: ordersTable([GSI1]) } }), inputs());
    const gsi9 = { name: 'gsi9', projection: { ProjectionType: 'KEYS_ONLY' } };
    const indexed = dataModelDot(tablesOf({ Resources: { Orders: ordersTable([GSI1, gsi9]) } }), inputs());
    expect(before).not.toContain('gsi9');
    expect(indexed).toMatch(/<B>gsi9<\/B>(&#160;)+GSI.*gsi9pk \(S\) \/ —.*KEYS_ONLY/s);
    const dearer = dataModelDot(tablesOf({ Resources: { Orders: ordersTable([GSI1]) } }), inputs(40));
    expect(dearer).toMatch(/ORDER#&lt;order&gt;.*4 WCU/);
  });

  it('When the load run used a table prod does not have, then drawing fails naming it', () => {
    expect(() => dataModelDot([], inputs())).toThrow(/orders/);
  });
});
