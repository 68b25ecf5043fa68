import { unusedUrl } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Received } from './support/echo-upstream.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as { status: number; detail: string };
  expect(problem.status).toBe(status);
  return problem;
}

describe('The gateway as HTTP clients see it', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      CORS_ALLOWED_ORIGINS: 'https://shop.example, http://localhost:3000',
      BODY_LIMIT_BYTES: '1024',
      REQUEST_DEADLINE_MS: '400',
    });
  });
  afterAll(() => gateway.stop());

  it('When a client sends a request id, then the gateway still makes its own, which the service receives and the response echoes, and logs the client’s beside it', async () => {
    const response = await fetch(`${gateway.url}/v1/categories`, {
      headers: { 'x-request-id': 'req-abc.123' },
    });
    const made = response.headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await response.json()) as Received).headers['x-request-id']).toBe(made);
    const line = gateway.logs.find((l) => l.msg === 'request' && l.requestId === made);
    expect(line?.clientRequestId).toBe('req-abc.123');
  });

  it('When a client sends no request id or an unsafe one, then the gateway makes one, the service receives that, and nothing unsafe is logged', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-request-id': 'bad id\twith spaces' },
      { 'x-request-id': 'x'.repeat(200) },
    ]) {
      const response = await fetch(`${gateway.url}/v1/categories`, { headers });
      const made = response.headers.get('x-request-id');
      expect(made).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await response.json()) as Received).headers['x-request-id']).toBe(made);
      const line = gateway.logs.find((l) => l.msg === 'request' && l.requestId === made);
      expect(line).toBeDefined();
      expect(line).not.toHaveProperty('clientRequestId');
    }
  });

  it('When a client sends trace headers, then no service receives them: the trace starts at the gateway', async () => {
    const response = await fetch(`${gateway.url}/v1/categories`, {
      headers: {
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        tracestate: 'vendor=forged',
        baggage: 'userId=usr_admin',
        'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      },
    });
    const seen = ((await response.json()) as Received).headers;
    expect(seen.traceparent ?? '').not.toContain('0af7651916cd43dd8448eb211c80319c');
    expect(seen.tracestate).toBeUndefined();
    expect(seen.baggage).toBeUndefined();
    expect(seen['x-amzn-trace-id']).toBeUndefined();
  });

  it('When a path serves no operation, then it is 404 problem+json and no service is called', async () => {
    const before = gateway.received().length;
    for (const path of ['/v1/nothing-here', '/v2/products', '/v1/product', '/']) {
      await expectProblem(await fetch(`${gateway.url}${path}`), 404);
    }
    expect(gateway.received()).toHaveLength(before);
  });

  it('When the gateway answers by itself, then the problem carries nosniff', async () => {
    for (const path of ['/v1/nothing-here', '/v1/users/me']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('When a known path is called with another method, then it is 405 problem+json with Allow', async () => {
    const response = await fetch(`${gateway.url}/v1/categories`, { method: 'DELETE' });
    await expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('When a browser on an allowed origin sends a preflight, then it is answered with the methods of the path', async () => {
    const response = await fetch(`${gateway.url}/v1/products/prd_1`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')?.split(', ').sort()).toEqual([
      'DELETE',
      'GET',
      'PATCH',
    ]);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
  });

  it('When a browser on another origin sends a preflight, then it gets no CORS permission', async () => {
    const response = await fetch(`${gateway.url}/v1/products`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    await expectProblem(response, 403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('When an allowed origin calls an operation, then the answer carries the gateway’s CORS headers, not the service’s', async () => {
    const response = await fetch(`${gateway.url}/v1/categories`, {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
    expect(response.headers.get('vary')?.split(/,\s*/).sort()).toEqual(['Accept-Encoding', 'Origin']);
  });

  it('When a service answers, then its status, body and end-to-end headers reach the client and hop-by-hop headers do not', async () => {
    const body = JSON.stringify({ name: 'Lamps', slug: 'lamps' });
    const token = await gateway.issuer.token({ userId: 'usr_adm', role: 'admin' });
    const response = await rawRequest(`${gateway.url}/v1/categories?dryRun=true`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-echo-status': '201',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': 'nope',
      },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe('/v1/created/catalog');
    expect(response.headers['x-served-by']).toBe('catalog');
    expect(response.headers['x-upstream-hop']).toBeUndefined();
    expect(response.headers['proxy-authenticate']).toBeUndefined();
    const echo = JSON.parse(response.body) as Received;
    expect(echo).toMatchObject({ method: 'POST', url: '/v1/categories?dryRun=true', body });
    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.headers['x-secret-hop']).toBeUndefined();
    expect(echo.headers['x-forwarded-for']).toContain('127.0.0.1');
  });

  it('When a body is larger than the limit, then it is 413 problem+json and no service sees it', async () => {
    const before = gateway.received().length;
    const response = await fetch(`${gateway.url}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });
    await expectProblem(response, 413);
    expect(gateway.received()).toHaveLength(before);
  });

  it('When a body without a length streams past the limit, then it is 413 problem+json', async () => {
    const chunks = [new Uint8Array(800).fill(120), new Uint8Array(800).fill(120)];
    const stream = new ReadableStream({
      pull: (c) => (chunks.length ? c.enqueue(chunks.shift()) : c.close()),
    });
    const response = await fetch(`${gateway.url}/v1/auth/register`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(response, 413);
  });

  it('When a service does not answer within the request deadline, then it is 503 problem+json with Retry-After, at the deadline', async () => {
    const started = Date.now();
    const response = await fetch(`${gateway.url}/v1/categories`, { headers: { 'x-echo-delay-ms': '5000' } });
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toMatch(/catalog/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Generous: three deadlines, still far below the service's 5 s.
    expect(Date.now() - started).toBeLessThan(1_200);
  });

  it('When a request is forwarded, then the service is told in X-Request-Deadline how long the gateway will wait', async () => {
    const response = await fetch(`${gateway.url}/v1/categories`, {
      // A client cannot lengthen the budget by sending the header itself.
      headers: { 'x-request-deadline': '600000' },
    });
    const told = Number(((await response.json()) as Received).headers['x-request-deadline']);
    expect(told).toBeGreaterThan(0);
    expect(told).toBeLessThanOrEqual(400);
  });

  it('When the gateway is up, then /health/live and /health/ready answer 200', async () => {
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${gateway.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
  });
});

describe('When a service is down', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ CATALOG_URL: await unusedUrl() });
  });
  afterAll(() => gateway.stop());

  it('When its operation is called, then it is 503 problem+json naming the service with Retry-After, and other services still answer', async () => {
    const response = await fetch(`${gateway.url}/v1/products?limit=3`);
    expect(response.headers.get('retry-after')).toBe('2');
    const problem = await expectProblem(response, 503);
    expect(problem.detail).toMatch(/catalog/);
    expect((await fetch(`${gateway.url}/v1/products/prd_1/reviews`)).status).toBe(200);
  });
});
