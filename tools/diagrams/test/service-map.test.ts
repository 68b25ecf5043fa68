import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { QUEUES, SERVICE_ACCESS } from '@shopeasy/resources';
import { serviceMapDot } from '../src/diagrams/service-map.js';
import { asyncFlows } from '../src/service-map/async-flows.js';
import { gatewayEdges, routesOf } from '../src/service-map/gateway-routes.js';
import { buildServiceMap } from '../src/service-map/map.js';
import { components } from '../src/service-map/sources.js';
import { syncCalls } from '../src/service-map/sync-calls.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dot = serviceMapDot(buildServiceMap(root));
const SOLID = 'style=solid color="#1565C0"';
const DASHED = 'style=dashed';

/** The attributes of every edge from → to in the DOT, one line each, or undefined when there is none. */
const edge = (text: string, from: string, to: string) => {
  const found = [...text.matchAll(new RegExp(`"${from}" -> "${to}" \\[([^\\n]*)\\];`, 'g'))];
  return found.length > 0 ? found.map((m) => m[1]).join('\n') : undefined;
};

describe('service map of the repository', () => {
  it('When orders checks out, then its synchronous calls to catalog and cart name their operations', () => {
    expect(edge(dot, 'component:orders', 'component:catalog')).toMatch(
      /reserveStock.*releaseStock.*confirmStock/s,
    );
    expect(edge(dot, 'component:orders', 'component:catalog')).toContain(SOLID);
    expect(edge(dot, 'component:orders', 'component:cart')).toContain('getCart');
    expect(edge(dot, 'component:feedback', 'component:orders')).toContain('checkPurchase');
    expect(edge(dot, 'component:cart', 'component:catalog')).toContain('getProduct');
  });

  it('When the client calls the API, then the gateway routes to each service with its operations', () => {
    expect(edge(dot, 'external:client', 'component:gateway')).toMatch(/HTTPS \/v1\\n\d+ operations/);
    expect(edge(dot, 'component:gateway', 'component:catalog')).toContain('getProduct');
    expect(edge(dot, 'component:gateway', 'component:users')).toContain('login');
    expect(edge(dot, 'external:stripe', 'component:gateway')).toContain('receiveStripeWebhook');
    expect(edge(dot, 'component:orders', 'external:stripe')).toContain('STRIPE_API_URL');
    expect(edge(dot, 'component:cart', 'component:users')).toContain('JWKS');
  });

  it('When a cart changes, then its outbox flows by the table stream and cart-events to the catalog, dashed', () => {
    expect(edge(dot, 'component:cart', 'table-stream:cart')).toContain(DASHED);
    expect(edge(dot, 'table-stream:cart', 'component:cart-events')).toContain(DASHED);
    expect(edge(dot, 'component:cart-events', 'stream:inventory')).toContain('cart.item.*');
    expect(edge(dot, 'component:catalog', 'stream:inventory')).toMatch(/label="stock\.\*"/);
    expect(edge(dot, 'stream:inventory', 'component:catalog')).toContain(DASHED);
  });

  it('When events are published, then the topic, its filtered queues, their consumers and DLQs show', () => {
    expect(edge(dot, 'component:orders', 'topic:events')).toContain('order.*');
    expect(edge(dot, 'component:users', 'topic:events')).toContain('user.registered');
    expect(edge(dot, 'topic:events', 'queue:notifications')).toContain('user.registered, order.*');
    expect(edge(dot, 'queue:notifications', 'component:notifications')).toContain(DASHED);
    expect(edge(dot, 'queue:catalogEvents', 'component:catalog')).toContain(DASHED);
    expect(edge(dot, 'queue:catalogEvents', 'dlq:catalogEvents')).toContain('after 5 receives');
    expect(edge(dot, 'component:notifications', 'external:ses')).toContain('SendEmail');
    expect(dot).toContain('shopeasy-prod-feedback-reviews-dlq');
    expect(dot).toMatch(
      /legend_edge_\d_a -> legend_edge_\d_b \[label="asynchronous message \(event types\)" style=dashed/,
    );
  });
});

describe('service map from changed sources', () => {
  const temporary = mkdtempSync(join(tmpdir(), 'service-map-'));
  afterAll(() => rmSync(temporary, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(temporary, path)), { recursive: true });
    writeFileSync(join(temporary, path), text);
  };

  it('When a service wires a new peer client, then its call and operations appear', () => {
    write('services/billing/src/wiring.ts', 'const c = createLedgerClient({ baseUrl: config.LEDGER_URL });');
    write(
      'services/billing/src/clients/ledger-client.ts',
      'await api.postEntry({ x }); await api.getBalanceRaw();',
    );
    write('services/ledger/src/wiring.ts', '');
    const before = syncCalls(temporary, components(temporary), undefined).edges;
    expect(before).toEqual([
      { from: 'component:billing', to: 'component:ledger', label: 'postEntry, getBalance', mode: 'sync' },
    ]);
    write('services/billing/src/wiring.ts', 'const nothing = 1;');
    expect(syncCalls(temporary, components(temporary), undefined).edges).toEqual([]);
  });

  it('When a queue is removed from the resources, then it and its flows leave the picture', () => {
    const all = components(root);
    const without = QUEUES.filter((q) => q.id !== 'catalogEvents');
    const access = { ...SERVICE_ACCESS, catalog: { ...SERVICE_ACCESS.catalog, consumesQueues: [] } };
    const flows = asyncFlows(root, all, { access, queues: without });
    expect(flows.nodes.map((n) => n.id)).not.toContain('queue:catalogEvents');
    expect(flows.edges.some((e) => e.to === 'queue:catalogEvents')).toBe(false);
    expect(asyncFlows(root, all).nodes.map((n) => n.id)).toContain('queue:catalogEvents');
  });

  it('When an operation is routed to a service, then the gateway edge names it', () => {
    const uri = 'http://${stageVariables.ledgerHost}/v1/entries';
    const document = {
      paths: {
        '/v1/entries': { post: { operationId: 'postEntry', 'x-amazon-apigateway-integration': { uri } } },
      },
    };
    const { edges } = gatewayEdges(routesOf(document));
    expect(edges).toContainEqual({
      from: 'component:gateway',
      to: 'component:ledger',
      label: 'postEntry',
      mode: 'sync',
    });
  });
});
