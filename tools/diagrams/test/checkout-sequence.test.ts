import { describe, expect, it } from 'vitest';
import { checkoutSequenceDot } from '../src/diagrams/checkout-sequence.js';
import { sequenceOf } from '../src/sequence/messages.js';
import { comparableShape, formatShape, parseShape } from '../src/sequence/shape-file.js';
import { traceShape, type TraceSpan } from '../src/sequence/trace-shape.js';

// A small checkout: gateway → orders, which reads the cart, publishes two events (the second one
// leads to an email) and writes its table; times in milliseconds from the start.
const span = (
  spanId: string,
  parentSpanId: string | undefined,
  service: string,
  name: string,
  kind: number,
  start: number,
  end: number,
): TraceSpan => ({
  spanId,
  ...(parentSpanId ? { parentSpanId } : {}),
  service,
  name,
  kind,
  startTimeUnixNano: String(BigInt(start) * 1_000_000n + 1_700_000_000_000_000_000n),
  endTimeUnixNano: String(BigInt(end) * 1_000_000n + 1_700_000_000_000_000_000n),
});

const checkout: TraceSpan[] = [
  span('a', undefined, 'gateway', 'createOrder', 2, 0, 100),
  span('b', 'a', 'orders', 'createOrder', 2, 1, 99),
  span('c', 'b', 'orders', 'GET', 3, 2, 10),
  span('d', 'c', 'cart', 'getCart', 2, 3, 9),
  span('e', 'd', 'cart', 'DynamoDB.GetItem', 3, 4, 8),
  span('f', 'b', 'orders', 'DynamoDB.PutItem', 3, 11, 20),
  span('g', 'b', 'orders', 'DynamoDB.UpdateItem', 3, 21, 30),
  span('h', 'b', 'orders', 'events send', 4, 31, 40),
  span('i', 'h', 'notifications', 'process notification', 5, 45, 46),
  span('j', 'b', 'orders', 'events send', 4, 41, 50),
  span('k', 'j', 'notifications', 'process notification', 5, 55, 80),
  span('l', 'k', 'notifications', 'SESv2.SendEmail', 3, 60, 70),
];

const rotate = <T>(list: readonly T[], by: number) => [...list.slice(by), ...list.slice(0, by)];

describe('the trace shape of a checkout', () => {
  it('When the collector hands over the spans in any order, then the shape is the same', () => {
    const shape = traceShape(checkout, 'test');
    for (const shuffled of [[...checkout].reverse(), rotate(checkout, 5), rotate([...checkout].reverse(), 3)])
      expect(traceShape(shuffled, 'test')).toEqual(shape);
    expect(shape.spans.map((s) => `${s.component}:${s.operation}:${s.kind}:${s.parent}`)).toEqual([
      'gateway:createOrder:server:null',
      'orders:createOrder:server:0',
      'orders:GET:client:1',
      'cart:getCart:server:2',
      'cart:DynamoDB.GetItem:client:3',
      'orders:DynamoDB.PutItem:client:1',
      'orders:DynamoDB.UpdateItem:client:1',
      // Two like events: sorted by what they led to, whichever the email's consumer took first.
      'orders:events send:producer:1',
      'notifications:process notification:consumer:7',
      'notifications:SESv2.SendEmail:client:8',
      'orders:events send:producer:1',
      'notifications:process notification:consumer:10',
    ]);
  });

  it('When concurrent calls or the consumers of two like events swap places, then the shape does not change', () => {
    const swapped = checkout.map((s) => {
      // The two store writes overlap and the email now follows the first event.
      if (s.spanId === 'f') return span('f', 'b', 'orders', 'DynamoDB.PutItem', 3, 15, 25);
      if (s.spanId === 'g') return span('g', 'b', 'orders', 'DynamoDB.UpdateItem', 3, 11, 24);
      if (s.spanId === 'k') return { ...s, parentSpanId: 'h' };
      if (s.spanId === 'i') return { ...s, parentSpanId: 'j' };
      return s;
    });
    expect(traceShape(swapped, 'test')).toEqual(traceShape(checkout, 'test'));
  });

  it('When a store write lands on the other side of a publish, then the comparable shapes still agree, but not when a hop is missing', () => {
    const recorded = comparableShape(traceShape(checkout, 'test'));
    const after = checkout.map((s) =>
      s.spanId === 'g' ? span('g', 'b', 'orders', 'DynamoDB.UpdateItem', 3, 51, 52) : s,
    );
    expect(comparableShape(traceShape(after, 'test'))).toEqual(recorded);
    // Between the two publishes, whose consumers also swapped places.
    const between = checkout.map((s) => {
      if (s.spanId === 'g') return span('g', 'b', 'orders', 'DynamoDB.UpdateItem', 3, 40, 41);
      if (s.spanId === 'k') return { ...s, parentSpanId: 'h' };
      if (s.spanId === 'i') return { ...s, parentSpanId: 'j' };
      return s;
    });
    expect(comparableShape(traceShape(between, 'test'))).toEqual(recorded);
    const withoutCart = checkout.filter((s) => !['c', 'd', 'e'].includes(s.spanId));
    expect(comparableShape(traceShape(withoutCart, 'test'))).not.toEqual(recorded);
  });

  it('When two calls share a name but reach different operations, then they keep the order they ran in', () => {
    const calls = [
      span('a', undefined, 'orders', 'createOrder', 2, 0, 100),
      span('b', 'a', 'orders', 'POST', 3, 10, 20),
      span('c', 'b', 'catalog', 'reserveStock', 2, 11, 19),
      span('d', 'a', 'orders', 'DynamoDB.UpdateItem', 3, 21, 22),
      span('e', 'a', 'orders', 'POST', 3, 30, 40),
      span('f', 'e', 'catalog', 'confirmStock', 2, 31, 39),
    ];
    const operations = traceShape([...calls].reverse(), 'test').spans.map((s) => s.operation);
    expect(operations).toEqual([
      'createOrder',
      'POST',
      'reserveStock',
      'DynamoDB.UpdateItem',
      'POST',
      'confirmStock',
    ]);
  });

  it('When a span has no times or the trace two roots, then no shape is made', () => {
    expect(() => traceShape([{ ...checkout[0]!, startTimeUnixNano: undefined }], 'test')).toThrow(/no start/);
    expect(() =>
      traceShape(
        checkout.filter((s) => s.spanId !== 'b'),
        'test',
      ),
    ).toThrow(/one root/);
  });

  it('When a shape is written and read back, then it is the same, and a parent after its child is refused', () => {
    const shape = traceShape(checkout, 'One checkout');
    expect(parseShape(formatShape(shape))).toEqual(shape);
    const broken = formatShape(shape).replace('"parent": 0', '"parent": 5');
    expect(() => parseShape(broken)).toThrow(/names no earlier span/);
  });
});

describe('the checkout sequence diagram', () => {
  const shape = traceShape(checkout, 'test');

  it('When drawn, then every call is an arrow between lifelines, numbered in the order of the trace', () => {
    const dot = checkoutSequenceDot(shape, new Set(['notifications']));
    const labels = [
      '1. createOrder',
      '2. createOrder',
      '3. getCart',
      '4. DynamoDB: GetItem',
      '5. DynamoDB: PutItem, UpdateItem',
      '6. process notification (events)',
      '7. SESv2: SendEmail',
      '8. process notification (events)',
    ];
    const positions = labels.map((label) => dot.indexOf(`"${label}"`));
    expect(
      positions.every((p) => p > 0),
      `missing: ${labels.filter((_l, i) => positions[i]! < 0).join(', ')}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const head of ['Shopper (client)', 'gateway', 'orders', 'cart', 'notifications'])
      expect(dot).toContain(`label="${head}"`);
  });

  it('When an event reaches a consumer, then its arrow is dashed; a call is solid', () => {
    const { messages, lifelines } = sequenceOf(shape);
    expect(lifelines).toEqual(['client', 'gateway', 'orders', 'cart', 'notifications']);
    expect(messages.filter((m) => m.type === 'async').map((m) => m.type === 'async' && m.to)).toEqual([
      'notifications',
      'notifications',
    ]);
    expect(checkoutSequenceDot(shape, new Set())).toMatch(
      /xlabel="6\. process notification \(events\)" style=dashed/,
    );
  });
});
