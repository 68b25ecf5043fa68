import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Received } from './support/echo-upstream.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

// Each path is sent byte for byte; `problem` is what the 400 must name.
const TRICKS: Array<{ path: string; problem: RegExp }> = [
  { path: '/v1/orders/..\\..\\internal\\v1\\purchases?userId=usr_victim', problem: /backslash/ },
  { path: '/v1/orders/ord_1\\', problem: /backslash/ },
  { path: '/v1/orders/..%5c..%5cinternal%5cv1%5cpurchases', problem: /encoded/ },
  { path: '/v1/orders/%5C', problem: /encoded/ },
  { path: '/v1/orders/%2e%2e', problem: /encoded/ },
  { path: '/v1/orders/%2E%2e', problem: /encoded/ },
  { path: '/v1/orders/%2e', problem: /encoded/ },
  { path: '/v1/products/prd_1%2f..%2f..%2finternal%2fv1%2fstock', problem: /encoded/ },
  { path: '/v1/orders/%2F', problem: /encoded/ },
  { path: '//v1/orders', problem: /empty or dot segment/ },
  { path: '/v1//orders', problem: /empty or dot segment/ },
  { path: '/v1/orders/', problem: /empty or dot segment/ },
  { path: '/v1/./orders', problem: /empty or dot segment/ },
  { path: '/v1/orders/.', problem: /empty or dot segment/ },
  { path: '/v1/orders/ord_1/../../../internal/v1/purchases', problem: /empty or dot segment/ },
  { path: '/v1/orders/..', problem: /empty or dot segment/ },
  { path: '/v1/categories/..?limit=1', problem: /empty or dot segment/ },
];

describe('Paths that change meaning when normalised', () => {
  let gateway: TestGateway;
  let token: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
    token = await gateway.issuer.token({ userId: 'usr_mallory', role: 'customer' });
  });
  afterAll(() => gateway.stop());

  it('When a path has a backslash, an encoded dot, slash or backslash, or an empty or dot segment, then it is 400 problem+json and no service is called', async () => {
    const before = gateway.received().length;
    for (const { path, problem } of TRICKS) {
      const response = await rawRequest(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'x-internal-key': 'shopeasy-internal-local-only' },
      });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(response.body) as { status: number; detail: string };
      expect({ path, detail: body.detail }).toEqual({ path, detail: expect.stringMatching(problem) });
    }
    expect(gateway.received().slice(before)).toEqual([]);
  });

  it('When a plain path is sent the same way, then it reaches its service exactly as sent', async () => {
    const response = await rawRequest(`${gateway.url}/v1/orders/ord_1?expand=items`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      service: 'orders',
      url: '/v1/orders/ord_1?expand=items',
    });
  });
});

describe('Headers the services trust', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('When a client sends X-Internal-Key or another header only the gateway may set, then the service never receives the client’s value', async () => {
    const response = await rawRequest(`${gateway.url}/v1/categories`, {
      headers: {
        'x-internal-key': 'shopeasy-internal-local-only',
        'X-Internal-Caller': 'orders',
        'x-shopeasy-user-id': 'usr_admin',
        forwarded: 'for=10.0.0.1;proto=https;host=internal.example',
        'x-forwarded-host': 'internal.example',
        'x-forwarded-proto': 'https',
        'x-request-deadline': '600000',
      },
    });
    expect(response.status).toBe(200);
    const { headers } = JSON.parse(response.body) as Received;
    expect(headers['x-internal-key']).toBeUndefined();
    expect(headers['x-internal-caller']).toBeUndefined();
    expect(headers['x-shopeasy-user-id']).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
    expect(headers['x-forwarded-host']).toBe(new URL(gateway.url).host);
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(Number(headers['x-request-deadline'])).toBeLessThanOrEqual(10_000);
  });
});
