import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { unusedUrl } from '@shopeasy/service-kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway.js';

/**
 * A service restarting on `url`'s port: `resetConnections` connections are cut as soon as they
 * open, `dropRequests` requests are read and then cut unanswered; the rest get 200.
 */
async function flakyService(url: string, plan: { resetConnections?: number; dropRequests?: number }) {
  let resets = plan.resetConnections ?? 0;
  let drops = plan.dropRequests ?? 0;
  const seen = { connections: 0, requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    seen.requests.push(`${req.method} ${req.url}`);
    if (drops-- > 0) return void req.socket.destroy();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items: [] }));
  });
  server.on('connection', (socket) => {
    seen.connections++;
    if (resets-- > 0) socket.destroy();
  });
  server.listen(Number(new URL(url).port), '127.0.0.1');
  await once(server, 'listening');
  return {
    seen,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function expect503(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  return (await response.json()) as { status: number; detail: string };
}

const login = (gateway: TestGateway) =>
  fetch(`${gateway.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@example.com', password: 'Str0ng-enough-pass!' }),
  });

describe('When a service is restarting behind the gateway', () => {
  let gateway: TestGateway;
  let catalogUrl: string;
  let usersUrl: string;
  let service: Awaited<ReturnType<typeof flakyService>> | undefined;
  beforeAll(async () => {
    [catalogUrl, usersUrl] = [await unusedUrl(), await unusedUrl()];
    gateway = await startTestGateway({
      CATALOG_URL: catalogUrl,
      USERS_URL: usersUrl,
      UPSTREAM_RETRY_WINDOW_MS: '1000',
    });
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });
  afterAll(() => gateway.stop());

  it('When a GET finds the port refusing and the service listening 300 ms later, then the client gets 200', async () => {
    const started = Date.now();
    const answer = fetch(`${gateway.url}/v1/products?limit=3`);
    // The restart finishes while the gateway retries; nothing tells the gateway it happened.
    const back = new Promise((resolve) => setTimeout(resolve, 300)).then(async () => {
      service = await flakyService(catalogUrl, {});
    });
    const response = await answer;
    await back;
    expect(response.status).toBe(200);
    expect(service?.seen.requests).toEqual(['GET /v1/products?limit=3']);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('When a GET finds its first two connections reset, then the client gets 200 from the third', async () => {
    service = await flakyService(catalogUrl, { resetConnections: 2 });
    const response = await fetch(`${gateway.url}/v1/products?limit=3`);
    expect(response.status).toBe(200);
    expect(service.seen.connections).toBe(3);
  });

  it('When a POST is cut unanswered, then it is 503 with Retry-After and the service saw it once', async () => {
    service = await flakyService(usersUrl, { dropRequests: 1 });
    const problem = await expect503(await login(gateway));
    expect(problem.detail).toMatch(/users/);
    expect(service.seen.requests).toEqual(['POST /v1/auth/login']);
  });

  it('When a POST finds the port refusing, then it is 503 with Retry-After at once, not retried', async () => {
    const started = Date.now();
    await expect503(await login(gateway));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('When a GET finds the service down for good, then it is 503 with Retry-After at the end of the retry window, never 502', async () => {
    const started = Date.now();
    const problem = await expect503(await fetch(`${gateway.url}/v1/products?limit=3`));
    expect(problem.detail).toMatch(/catalog/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
