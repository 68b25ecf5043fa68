import { listOperations, type JsonObject } from '@shopeasy/contract-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import type { Received } from './support/echo-upstream.js';
import { rawRequest } from './support/raw-request.js';

let gateway: TestGateway;
let adminToken: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  adminToken = await gateway.issuer.token({ userId: 'usr_admin', role: 'admin' });
});
afterAll(() => gateway.stop());

const concrete = (template: string) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => `${name}-7%3A%20x`);
const withBody = (method: string) => ['POST', 'PUT', 'PATCH'].includes(method);
const QUERY = '?limit=5&cursor=abc%3D%3D&tag=a&tag=b';

describe('Routing from the API Gateway document', () => {
  it('When the document is read, then it lists operations of all five services', () => {
    const services = new Set(listOperations(gateway.document as JsonObject).map((op) => op.service));
    expect([...services].sort()).toEqual(['cart', 'catalog', 'feedback', 'orders', 'users']);
  });

  it('When every operation of the document is called, then its own service receives it with path parameters, query and body intact', async () => {
    const operations = listOperations(gateway.document as JsonObject);
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      const path = concrete(op.path);
      const body = withBody(op.method)
        ? JSON.stringify({ operation: op.operationId, note: 'ünïcode ✓' })
        : undefined;
      const response = await fetch(`${gateway.url}${path}${QUERY}`, {
        method: op.method,
        headers: {
          ...(op.secured && { authorization: `Bearer ${adminToken}` }),
          ...(body && { 'content-type': 'application/json' }),
        },
        body,
      });
      expect(response.status, `${op.method} ${op.path}`).toBe(200);
      const echo = (await response.json()) as Received;
      expect({
        operation: op.operationId,
        service: echo.service,
        method: echo.method,
        url: echo.url,
      }).toEqual({
        operation: op.operationId,
        service: op.service,
        method: op.method,
        url: `${path}${QUERY}`,
      });
      expect(response.headers.get('x-served-by')).toBe(op.service);
      if (body) expect(echo.body).toBe(body);
    }
    expect(gateway.received()).toHaveLength(operations.length);
  });

  it('When a literal segment and a path parameter could both match, then the literal resource wins', async () => {
    const token = await gateway.issuer.token({ userId: 'usr_lit', role: 'customer' });
    const response = await fetch(`${gateway.url}/v1/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await response.json()) as Received).url).toBe('/v1/users/me');
  });

  it('When a path parameter is a dot segment, then it is refused with 400 and no service is called', async () => {
    const before = gateway.received().length;
    // fetch would normalise the dots away; a raw request sends them as a client could.
    const response = await rawRequest(`${gateway.url}/v1/products/../stock`);
    expect(response.status).toBe(400);
    expect(gateway.received()).toHaveLength(before);
  });
});
