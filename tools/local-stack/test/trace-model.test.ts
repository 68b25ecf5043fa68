import { describe, expect, it } from 'vitest';
import {
  buildTrace,
  formatMs,
  isErrorSpan,
  normalizeTraceId,
  serviceColor,
  summarizeTraces,
  traceIdFromLocation,
} from '../trace-viewer/static/trace-model.js';
import type { JaegerSpan, JaegerTrace } from '../trace-viewer/static/trace-model.js';

const TRACE = '6ea2be26f14f7ac1c02ce77f74557433';
const T0 = 1_796_043_271_601_000; // µs

function span(
  id: string,
  operationName: string,
  at: number,
  duration: number,
  more: Partial<JaegerSpan> = {},
) {
  return {
    traceID: TRACE,
    spanID: id,
    operationName,
    references: [],
    startTime: T0 + at,
    duration,
    processID: 'p1',
    tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
    logs: [],
    ...more,
  };
}
const childOf = (spanID: string) => [{ refType: 'CHILD_OF' as const, traceID: TRACE, spanID }];

/** The shape GET /api/traces/{id} returned for gateway → orders → (DynamoDB failing, SNS), spans unordered. */
function orderTrace(): JaegerTrace {
  return {
    traceID: TRACE,
    spans: [
      span('dd', 'DynamoDB.PutItem', 10_000, 12_000, {
        references: childOf('oo'),
        tags: [
          { key: 'error', type: 'bool', value: true },
          { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        ],
        logs: [
          {
            timestamp: T0 + 21_000,
            fields: [{ key: 'exception.message', type: 'string', value: 'boom' }],
          },
        ],
      }),
      span('sn', 'SNS.Publish', 25_000, 8_000, { references: childOf('oo') }),
      span('gw', 'POST /v1/orders', 0, 42_500, { processID: 'p2' }),
      span('oo', 'createOrder', 3_000, 35_000, { references: childOf('gw') }),
    ],
    processes: {
      p1: { serviceName: 'orders', tags: [{ key: 'host.name', type: 'string', value: 'laptop' }] },
      p2: { serviceName: 'gateway', tags: [] },
    },
  };
}

describe('buildTrace', () => {
  it('When spans arrive in any order, then rows run depth-first from the root with children by start time', () => {
    const model = buildTrace(orderTrace());

    expect(model.rows.map((r) => [r.depth, r.service, r.operation, r.parentId])).toEqual([
      [0, 'gateway', 'POST /v1/orders', undefined],
      [1, 'orders', 'createOrder', 'gw'],
      [2, 'orders', 'DynamoDB.PutItem', 'oo'],
      [2, 'orders', 'SNS.Publish', 'oo'],
    ]);
    expect(model).toMatchObject({
      traceId: TRACE,
      startTime: T0,
      duration: 42_500,
      rootService: 'gateway',
      rootOperation: 'POST /v1/orders',
      services: ['gateway', 'orders'],
      spanCount: 4,
      errorCount: 1,
    });
    expect(model.rows.map((r) => r.childCount)).toEqual([1, 2, 0, 0]);
  });

  it('When a span starts 10 ms into a 42.5 ms trace and lasts 12 ms, then its bar starts at 23.5 % and is 28.2 % wide', () => {
    const rows = buildTrace(orderTrace()).rows;
    const dynamo = rows.find((r) => r.operation === 'DynamoDB.PutItem');

    expect(rows[0]).toMatchObject({ offsetPct: 0, widthPct: 100 });
    expect(dynamo?.offsetPct).toBeCloseTo((10_000 / 42_500) * 100, 6);
    expect(dynamo?.widthPct).toBeCloseTo((12_000 / 42_500) * 100, 6);
    expect(dynamo).toMatchObject({
      error: true,
      logs: [{ fields: [{ key: 'exception.message', value: 'boom' }] }],
      processTags: [{ key: 'host.name', value: 'laptop' }],
    });
    expect(rows.filter((r) => r.error).map((r) => r.operation)).toEqual(['DynamoDB.PutItem']);
  });

  it('When a parent never arrived, then its child is a root rather than lost, and links to other traces are ignored', () => {
    const model = buildTrace({
      traceID: TRACE,
      spans: [
        span('c1', 'consume', 5_000, 1_000, { references: childOf('missing') }),
        span('c2', 'handle', 5_500, 400, {
          references: [
            { refType: 'FOLLOWS_FROM', traceID: 'other', spanID: 'elsewhere' },
            { refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: 'c1' },
          ],
        }),
        span('r', 'GET /v1/products', 0, 2_000),
      ],
      processes: { p1: { serviceName: 'catalog' } },
    });

    expect(model.rows.map((r) => [r.depth, r.operation])).toEqual([
      [0, 'GET /v1/products'],
      [0, 'consume'],
      [1, 'handle'],
    ]);
    expect(model.duration).toBe(6_000);
  });

  it('When parents form a cycle, then every span is still shown once', () => {
    const model = buildTrace({
      traceID: TRACE,
      spans: [
        span('a', 'a', 0, 10, { references: childOf('b') }),
        span('b', 'b', 1, 10, { references: childOf('a') }),
      ],
      processes: {},
    });

    expect(model.rows.map((r) => [r.depth, r.operation, r.service])).toEqual([
      [0, 'a', 'unknown'],
      [1, 'b', 'unknown'],
    ]);
  });

  it('When every span takes no time, then bars span the trace instead of dividing by zero', () => {
    const model = buildTrace({ traceID: TRACE, spans: [span('z', 'noop', 0, 0)], processes: {} });

    expect(model.rows[0]).toMatchObject({ offsetPct: 0, widthPct: 100 });
    expect(model.duration).toBe(0);
  });
});

describe('summarizeTraces', () => {
  it('When a search returns traces, then the newest comes first; when it returns null, then none', () => {
    const older = { ...orderTrace(), traceID: 'older' };
    const newer = orderTrace();
    newer.spans = newer.spans.map((s) => ({ ...s, startTime: s.startTime + 60_000_000 }));

    expect(summarizeTraces([older, newer]).map((t) => t.traceId)).toEqual([TRACE, 'older']);
    expect(summarizeTraces(null)).toEqual([]);
  });
});

describe('isErrorSpan', () => {
  it.each([
    [[{ key: 'error', value: true }], true],
    [[{ key: 'error', value: 'true' }], true],
    [[{ key: 'otel.status_code', value: 'ERROR' }], true],
    [[{ key: 'error', value: false }], false],
    [[{ key: 'otel.status_code', value: 'OK' }], false],
    [[{ key: 'http.response.status_code', value: 500 }], false],
  ])('When the tags are %j, then it is an error: %s', (tags, expected) => {
    expect(isErrorSpan({ tags })).toBe(expected);
  });
});

describe('trace ids in links and in the find box', () => {
  it.each([
    [{ hash: `#${TRACE}` }, TRACE],
    [{ hash: `#${TRACE.toUpperCase()}` }, TRACE],
    [{ search: `?trace=${TRACE}` }, TRACE],
    [{ pathname: `/trace/${TRACE}` }, TRACE],
    [{ pathname: `/jaeger/trace/${TRACE}/` }, TRACE],
    [{ hash: '#not-a-trace', search: `?trace=${TRACE}` }, TRACE],
    [{ pathname: '/', hash: '', search: '' }, undefined],
    [{ hash: '#<script>' }, undefined],
  ])('When the location is %j, then the trace is %s', (location, expected) => {
    expect(traceIdFromLocation(location)).toBe(expected);
  });

  it('When a traceparent header is pasted, then its trace id is used; when it is not hex, then nothing', () => {
    expect(normalizeTraceId(`  00-${TRACE}-b7ad6b7169203331-01 `)).toBe(TRACE);
    expect(normalizeTraceId('abc')).toBe('abc');
    expect(normalizeTraceId('a'.repeat(33))).toBeUndefined();
    expect(normalizeTraceId('xyz')).toBeUndefined();
    expect(normalizeTraceId('')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('When durations are shown, then they are milliseconds with precision where it matters', () => {
    expect(formatMs(1_234)).toBe('1.23 ms');
    expect(formatMs(42_500)).toBe('42.5 ms');
    expect(formatMs(250_400)).toBe('250 ms');
    expect(formatMs(0)).toBe('0.00 ms');
  });

  it('When a service is coloured, then it always gets the same colour, and others get another', () => {
    expect(serviceColor('orders')).toBe(serviceColor('orders'));
    expect(serviceColor('orders')).toMatch(/^hsl\(\d+ 55% 42%\)$/);
    expect(new Set(['gateway', 'users', 'catalog', 'cart', 'orders'].map(serviceColor)).size).toBe(5);
  });
});
