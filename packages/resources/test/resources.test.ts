import { describe, expect, it } from 'vitest';
import {
  QUEUES,
  TABLES,
  dynamoProjection,
  tableSpec,
  localEnvironment,
  matchesFilter,
  queueSpec,
  resourceEnvironment,
  resourceNames,
} from '../src/index.js';

describe('resource names', () => {
  it('When two stages are named, then no physical name is shared between them', () => {
    const flat = (stage: string) => {
      const n = resourceNames(stage);
      return [
        ...Object.values(n.tables),
        ...Object.values(n.queues).flatMap((q) => [q.name, q.dlqName]),
        n.eventsTopic,
        n.inventoryStream,
        n.assetsBucket,
        n.accessLogsBucket,
      ];
    };
    const local = flat('local');
    const prod = flat('prod');
    expect(new Set(local).size).toBe(local.length);
    expect(local.filter((name) => prod.includes(name))).toEqual([]);
    expect(local).toContain('shopeasy-local-users');
  });

  it('When a stage has upper case or spaces, then naming refuses it', () => {
    expect(() => resourceNames('Prod 1')).toThrow(/Invalid stage/);
  });
});

describe('table specs', () => {
  it('When any index is declared, then its name and key names follow gsiN / gsiNpk / gsiNsk', () => {
    // users has one index, catalog several: an empty list would check nothing.
    expect(TABLES.flatMap((t) => t.indexes).length).toBeGreaterThanOrEqual(2);
    for (const table of TABLES) {
      for (const index of table.indexes) {
        expect(index.partitionKey.name).toBe(`${index.name}pk`);
        expect(index.sortKey.name).toBe(`${index.name}sk`);
        expect(index.purpose.length).toBeGreaterThan(10);
      }
    }
  });

  it('When the catalog indexes are declared, then each projects named attributes and none the hot counters', () => {
    const indexes = tableSpec('catalog').indexes;
    expect(indexes.map((i) => i.name)).toEqual(['gsi2', 'gsi4', 'gsi5', 'gsi6', 'gsi7', 'gsi8']);
    for (const index of indexes) {
      const projection = dynamoProjection(index.projection);
      expect(projection.ProjectionType).toBe('INCLUDE');
      expect(projection.NonKeyAttributes).toContain('priceAmount');
      expect(projection.NonKeyAttributes).not.toContain('stock');
      expect(projection.NonKeyAttributes).not.toContain('tokens');
    }
    expect(dynamoProjection('ALL')).toEqual({ ProjectionType: 'ALL' });
  });
});

describe('environment', () => {
  it('When the local environment is built, then it points every variable at the emulator', () => {
    const env = localEnvironment('local', { endpoint: 'http://127.0.0.1:5000' });
    expect(env.USERS_TABLE).toBe('shopeasy-local-users');
    expect(env.EVENTS_TOPIC_ARN).toBe('arn:aws:sns:us-east-1:123456789012:shopeasy-local-events');
    expect(env.NOTIFICATIONS_QUEUE_URL).toBe(
      'http://127.0.0.1:5000/123456789012/shopeasy-local-notifications',
    );
    expect(env.AWS_ENDPOINT_URL).toBe('http://127.0.0.1:5000');
    expect(Object.values(env).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
  });

  it('When no endpoint is given, then queue URLs are the real AWS ones', () => {
    const env = resourceEnvironment('prod', { account: '111122223333', region: 'eu-west-1' });
    expect(env.FEEDBACK_QUEUE_URL).toBe(
      'https://sqs.eu-west-1.amazonaws.com/111122223333/shopeasy-prod-feedback-reviews',
    );
    expect(env).not.toHaveProperty('AWS_ENDPOINT_URL');
  });
});

describe('subscriptions', () => {
  it('When events are routed, then notifications get order.* and user.registered and catalog gets review.accepted', () => {
    const notifications = queueSpec('notifications').subscription!.filter;
    const catalog = queueSpec('catalogEvents').subscription!.filter;
    expect(
      ['order.placed', 'order.shipped', 'user.registered'].every((t) => matchesFilter(notifications, t)),
    ).toBe(true);
    expect(matchesFilter(notifications, 'review.accepted')).toBe(false);
    expect(matchesFilter(catalog, 'review.accepted')).toBe(true);
    expect(matchesFilter(catalog, 'order.placed')).toBe(false);
    expect(QUEUES.every((q) => q.dlq.maxReceiveCount === 5)).toBe(true);
  });
});
