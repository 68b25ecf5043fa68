import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, type ReceivedSpan } from '@shopeasy/service-kit/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productInStock, shippingAddress, STACK_WAIT } from './support/catalog.js';
import { admin, failure, newShopper, type Clients } from './support/shopper.js';
import { comparableShape, formatShape, parseShape } from '../../../tools/diagrams/src/sequence/shape-file.js';
import { traceShape } from '../../../tools/diagrams/src/sequence/trace-shape.js';

const { gatewayUrl, tracesUrl, logDir, env } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

const traceSpans = async (traceId: string): Promise<ReceivedSpan[]> => {
  const res = await fetch(`${tracesUrl}/api/traces/${traceId}`);
  return ((await res.json()) as { spans: ReceivedSpan[] }).spans;
};

// The checkout's trace shape, which tools/diagrams draws as the checkout-sequence diagram.
const SHAPE_FILE = new URL('../../../tools/diagrams/traces/checkout.json', import.meta.url).pathname;
const SHAPE_DESCRIPTION =
  'One checkout (POST /v1/orders through the gateway), recorded by tests/e2e/test/observability.flow.test.ts';

/** The trace once no span came for 5 s: exporters send each second; the relays' spans come last. */
async function settledTrace(traceId: string): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 30_000;
  let spans = await traceSpans(traceId);
  let quietSince = Date.now();
  while (Date.now() - quietSince < 5_000) {
    if (Date.now() > deadline) throw new Error(`trace ${traceId} still grows after 30 s`);
    await sleep(250);
    const now = await traceSpans(traceId);
    if (now.length !== spans.length) [spans, quietSince] = [now, Date.now()];
  }
  return spans;
}

/** Sum of one EMF metric in a component's log, over the lines whose dimensions match `where`. */
function emfSum(component: string, metric: string, where: Record<string, string> = {}): number {
  let total = 0;
  for (const line of readFileSync(join(logDir, `${component}.log`), 'utf8').split('\n')) {
    if (!line.startsWith('{') || !line.includes('"_aws"')) continue;
    const doc = JSON.parse(line) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
    };
    const [directive] = doc._aws.CloudWatchMetrics;
    const dims = directive?.Dimensions[0] ?? [];
    const wanted = Object.keys(where);
    if (directive?.Namespace !== 'ShopEasy' || dims.length !== wanted.length + 1) continue;
    if (!wanted.every((k) => dims.includes(k) && doc[k] === where[k])) continue;
    const value = doc[metric];
    if (typeof value === 'number') total += value;
    else if (Array.isArray(value)) total += value.length;
  }
  return total;
}

describe('observability of a checkout', () => {
  it('When a shopper checks out, even with a traceparent of its own, then one trace started at the gateway holds the spans of gateway, orders, catalog, cart and the notifications function', async () => {
    const product = await productInStock(adminApi, 5, 1250);
    const shopper = await newShopper(gatewayUrl, 'Trace Buyer');
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });
    // Orders fetches the JWKS on its first request: whether that is this checkout depends on the tests before.
    await shopper.api.orders.listOrders();

    // The client asks for its trace to be continued, and sampled: the gateway, the edge, starts its own.
    const clientTraceId = randomBytes(16).toString('hex');
    const answer = await shopper.api.orders.createOrderRaw(
      { idempotencyKey: randomUUID(), checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress } },
      async ({ init }) => ({
        headers: {
          ...(init.headers as Record<string, string>),
          traceparent: `00-${clientTraceId}-${randomBytes(8).toString('hex')}-01`,
        },
      }),
    );
    expect((await answer.value()).status).toBe('paid');
    // The gateway names the trace it started in `traceresponse` (W3C Trace Context level 2).
    const [, traceId] =
      /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(answer.raw.headers.get('traceresponse') ?? '') ?? [];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(clientTraceId);

    const wanted = ['gateway', 'orders', 'catalog', 'cart', 'notifications'];
    const spans = await eventually(
      async () => {
        const found = await traceSpans(traceId!);
        expect(
          found.map((s) => s.service),
          'the services in the trace',
        ).toEqual(expect.arrayContaining(wanted));
        return found;
      },
      { ...STACK_WAIT, timeoutMs: 30_000 },
    );
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(expect.arrayContaining(wanted.sort()));
    const named = (service: string, name: string) =>
      spans.find((s) => s.service === service && s.name === name);
    // The gateway's span is the root; each hop's server span carries the operationId.
    expect(named('gateway', 'createOrder')?.parentSpanId).toBeUndefined();
    expect(named('orders', 'createOrder')).toBeDefined();
    expect(named('catalog', 'reserveStock')).toBeDefined();
    expect(named('cart', 'getCart')).toBeDefined();
    // The confirmation email's handling continues the trace through SNS and SQS.
    expect(named('notifications', 'process notification')?.kind).toBe(5);
    // One tree: every span but the gateway's root has its parent in the trace.
    const ids = new Set(spans.map((s) => s.spanId));
    const orphans = spans.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId));
    expect(orphans.map((s) => `${s.service}:${s.name}`)).toEqual([]);
    expect(await traceSpans(clientTraceId)).toEqual([]);

    // The path through the services, as the committed shape the checkout-sequence diagram draws.
    if (process.env.RECORD_TRACE_SHAPE === '1') {
      writeFileSync(SHAPE_FILE, formatShape(traceShape(await settledTrace(traceId!), SHAPE_DESCRIPTION)));
      return;
    }
    const committed = comparableShape(parseShape(readFileSync(SHAPE_FILE, 'utf8')));
    // Relayed spans (the email, the stock applied from the cart's events) come seconds later.
    await eventually(
      async () =>
        expect(
          comparableShape(traceShape(await traceSpans(traceId!), SHAPE_DESCRIPTION)),
          `The checkout's trace differs from ${relative(process.cwd(), SHAPE_FILE)}. If the change is meant, ` +
            'record it with RECORD_TRACE_SHAPE=1 npx vitest run --config vitest.e2e.config.ts ' +
            'tests/e2e/test/observability.flow.test.ts, redraw it with ' +
            'npm run docs:diagrams -- --only checkout-sequence, and commit both',
        ).toEqual(committed),
      { ...STACK_WAIT, timeoutMs: 30_000 },
    );
  });

  it('When orders are paid and declined, then the orders log carries the EMF counts the alarms read', async () => {
    const ordersCounts = () => ({
      placed: emfSum('orders', 'OrdersPlaced'),
      declined: emfSum('orders', 'PaymentsDeclined', { declineCode: 'generic_decline' }),
      attempts: emfSum('orders', 'PaymentAttempts'),
      requests: emfSum('orders', 'Requests', { operation: 'createOrder' }),
    });
    const before = ordersCounts();
    const product = await productInStock(adminApi, 5, 990);
    const shopper = await newShopper(gatewayUrl, 'Metric Buyer');
    const checkout = (paymentMethodId: string) =>
      shopper.api.orders.createOrder({
        idempotencyKey: randomUUID(),
        checkoutRequest: { paymentMethodId, shippingAddress },
      });
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });
    expect((await failure(checkout('pm_card_chargeDeclined'))).status).toBe(402);
    expect((await checkout('pm_card_visa')).status).toBe('paid');

    const after = await eventually(
      () => {
        const now = ordersCounts();
        expect(now.placed, 'orders placed').toBeGreaterThan(before.placed);
        expect(now.declined, 'payments declined').toBeGreaterThan(before.declined);
        expect(now.requests, 'createOrder requests').toBeGreaterThanOrEqual(before.requests + 2);
        return now;
      },
      { ...STACK_WAIT, timeoutMs: 15_000 },
    );
    expect(after.placed - before.placed).toBeGreaterThanOrEqual(1);
    expect(after.declined - before.declined).toBeGreaterThanOrEqual(1);
    expect(after.attempts - before.attempts).toBeGreaterThanOrEqual(2);
    expect(after.requests - before.requests).toBeGreaterThanOrEqual(2);
  });
});
