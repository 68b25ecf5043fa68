import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../src/public/auth.js';
import { createServiceApp, type RunningServer, startServer } from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';
import { startTestIssuer, type TestIssuer } from '../src/testing/index.js';

const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
let issuer: TestIssuer;
let server: RunningServer;
const created: unknown[] = [];
type Problem = { detail: string; errors: { field: string }[] };
let restocked = 0;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger: createLogger('widgets', 'silent'),
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    strictResponses: true,
    internalApiKey: 'internal-key-for-tests',
    handlers: {
      listWidgets: async ({ query }: { query: { limit: number } }) => ({
        status: 200,
        body: { items: created, limit: query.limit },
      }),
      createWidget: async ({ body }: { body: { name: string; price: number } }) => {
        const widget = { id: `w${created.length + 1}`, ...body };
        created.push(widget);
        return { status: 201, body: widget };
      },
      brokenWidget: async () => ({ status: 200, body: { id: 'w0' } }),
      restockWidget: async () => {
        restocked += 1;
        return { status: 204 };
      },
    },
  });
  server = await startServer(app, 0);
});

afterAll(async () => {
  await server.close();
  await issuer.stop();
});

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const post = (body: unknown, token?: string) =>
  call('/v1/widgets', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('service app factory', () => {
  it('When a query parameter is numeric, then the handler receives a number', async () => {
    const res = await call('/v1/widgets?limit=5');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ limit: 5 });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('When the body breaks the schema, then 400 problem+json names each field and nothing is created', async () => {
    const token = await issuer.token({ userId: 'usr_admin', role: 'admin' });
    const res = await post({ name: 'x', price: -1, colour: 'red' }, token);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    const fields = problem.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['body.colour', 'body.name', 'body.price']);
    expect(created).toHaveLength(0);
  });

  it('When the body is not JSON, then 400 problem+json', async () => {
    const token = await issuer.token({ userId: 'usr_admin', role: 'admin' });
    const res = await post('{"name":', token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors[0]?.field).toBe('body');
  });

  it('When no token, a foreign-signed token or an expired token is sent, then 401', async () => {
    const foreign = await issuer.foreignToken({ userId: 'usr_admin', role: 'admin' });
    const expired = await issuer.token({
      userId: 'usr_admin',
      role: 'admin',
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    for (const token of [undefined, foreign, expired, 'not-a-jwt']) {
      const res = await post({ name: 'Gizmo', price: 100 }, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(created).toHaveLength(0);
  });

  it('When a customer calls an admin operation, then 403 even with a bad body', async () => {
    const token = await issuer.token({ userId: 'usr_c', role: 'customer' });
    expect((await post({ name: 'x' }, token)).status).toBe(403);
    expect(created).toHaveLength(0);
  });

  it('When an admin creates a widget, then 201 and it is listed', async () => {
    const token = await issuer.token({ userId: 'usr_admin', role: 'admin' });
    const res = await post({ name: 'Gizmo', price: 100 }, token);
    expect(res.status).toBe(201);
    const list = (await (await call('/v1/widgets')).json()) as { items: unknown[] };
    expect(list.items).toEqual([{ id: 'w1', name: 'Gizmo', price: 100 }]);
  });

  it('When a handler answers a shape the contract does not allow, then 500 in strict mode', async () => {
    const token = await issuer.token({ userId: 'usr_c', role: 'customer' });
    const res = await call('/v1/widgets/broken', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expect(((await res.json()) as Problem).detail).toBe('The response broke the contract.');
  });

  it('When the route is unknown or the method is wrong, then 404 / 405 problem+json', async () => {
    expect((await call('/v1/nothing')).status).toBe(404);
    expect((await call('/v1/widgets', { method: 'DELETE' })).status).toBe(405);
  });

  it('When health is asked, then live and ready answer', async () => {
    expect((await call('/health/live')).status).toBe(200);
    expect((await call('/health/ready')).status).toBe(200);
  });

  it('When an internal operation is called without the service key or with a wrong one, then 401 and nothing runs', async () => {
    const restock = (key?: string) =>
      call('/internal/v1/widgets/w1/restock', {
        method: 'POST',
        headers: key ? { 'x-internal-key': key } : {},
      });
    expect((await restock()).status).toBe(401);
    expect((await restock('internal-key-for-test')).status).toBe(401);
    expect(restocked).toBe(0);
    expect((await restock('internal-key-for-tests')).status).toBe(204);
    expect(restocked).toBe(1);
  });
});

describe('token verification when the keys cannot be fetched', () => {
  it('When the JWKS endpoint is down, then 503 problem+json rather than blaming the token', async () => {
    const verifier = createTokenVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwks: 'http://127.0.0.1:9/v1/.well-known/jwks.json',
    });
    const token = await issuer.token({ userId: 'usr_c', role: 'customer' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 503 });
    await expect(verifier.verify('not-a-jwt')).rejects.toMatchObject({ status: 401 });
  });
});
