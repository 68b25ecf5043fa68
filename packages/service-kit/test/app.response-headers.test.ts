import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../src/public/auth.js';
import { createServiceApp, type RunningServer, startServer } from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';
import { startTestIssuer, type TestIssuer } from '../src/testing/index.js';

const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
const widget = { id: 'w1', name: 'Lamp', price: 1200 };
let issuer: TestIssuer;
let server: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer();
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger: createLogger('widgets', 'silent'),
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    strictResponses: true,
    handlers: {
      listWidgets: async () => ({ status: 200, body: { items: [widget] } }),
      createWidget: async () => ({ status: 201, body: widget }),
    },
  });
  server = await startServer(app, 0);
});

afterAll(async () => {
  await server.close();
  await issuer.stop();
});

describe('Protective response headers', () => {
  it('When the contract declares Cache-Control on an operation’s response, then the answer is no-store without an ETag', async () => {
    const token = await issuer.token({ userId: 'usr_adm', role: 'admin' });
    const response = await fetch(`${server.url}/v1/widgets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lamp', price: 1200 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('When a public read is answered, then it carries nosniff and HSTS and is not marked no-store', async () => {
    const response = await fetch(`${server.url}/v1/widgets`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    expect(response.headers.get('cache-control')).toBeNull();
  });

  it('When the answer is a problem, then it carries nosniff too', async () => {
    const response = await fetch(`${server.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
