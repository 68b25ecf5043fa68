import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../src/public/auth.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../src/public/errors.js';
import { createServiceApp, type RunningServer, startServer } from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';
import { startTestIssuer, type TestIssuer } from '../src/testing/index.js';

const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
// widgetStock declares 404 as problem+json and 422 only as application/json; 409 not at all.
const thrown: Record<string, () => Error> = {
  w404: () => new NotFoundError('No widget w404.'),
  w409: () => new ConflictError('Widget w409 is being restocked.'),
  w422: () => new UnprocessableError('Widget w422 cannot be counted.'),
};
let issuer: TestIssuer;
const servers: RunningServer[] = [];

async function start(strictResponses: boolean, logs: string[] = []): Promise<string> {
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger: createLogger('widgets', 'error', { write: (line: string) => void logs.push(line) }),
    verifier: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwksUrl }),
    strictResponses,
    internalApiKey: 'internal-key-for-tests',
    handlers: {
      widgetStock: async ({ params }: { params: { widgetId: string } }) => {
        throw (thrown[params.widgetId] ?? (() => new Error('unexpected')))();
      },
      restockWidget: async () => ({ status: 204 }),
    },
  });
  const server = await startServer(app, 0);
  servers.push(server);
  return server.url;
}

const breaches = (logs: string[]) =>
  logs.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'response breaks the contract');

let strictUrl: string;
const strictLogs: string[] = [];
let lenientUrl: string;
const lenientLogs: string[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  strictUrl = await start(true, strictLogs);
  lenientUrl = await start(false, lenientLogs);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await issuer.stop();
});

describe('thrown errors checked against the operation’s declared responses', () => {
  it('When a handler throws an error whose status the operation declares, then its problem+json is sent as is', async () => {
    const res = await fetch(`${strictUrl}/v1/widgets/w404/stock`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, detail: 'No widget w404.' });
  });

  it('When a handler throws an error whose status the operation does not declare, then 500 in strict mode', async () => {
    const res = await fetch(`${strictUrl}/v1/widgets/w409/stock`);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ status: 500, detail: 'The response broke the contract.' });
    expect(breaches(strictLogs)).toContainEqual(
      expect.objectContaining({
        operationId: 'widgetStock',
        status: 409,
        errors: ['status 409 is not declared'],
      }),
    );
  });

  it('When the status is declared only with another media type than problem+json, then 500 in strict mode', async () => {
    const res = await fetch(`${strictUrl}/v1/widgets/w422/stock`);
    expect(res.status).toBe(500);
    expect(breaches(strictLogs)).toContainEqual(
      expect.objectContaining({
        status: 422,
        errors: ['application/problem+json is not declared for status 422'],
      }),
    );
  });

  it('When a malformed body reaches an operation that does not declare 400, then 500 in strict mode', async () => {
    const res = await fetch(`${strictUrl}/internal/v1/widgets/w1/restock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-key': 'internal-key-for-tests' },
      body: '{"count":',
    });
    expect(res.status).toBe(500);
    expect(breaches(strictLogs)).toContainEqual(
      expect.objectContaining({ operationId: 'restockWidget', status: 400 }),
    );
  });

  it('When responses are not strict, then the undeclared problem is sent and the breach is logged', async () => {
    const res = await fetch(`${lenientUrl}/v1/widgets/w409/stock`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, detail: 'Widget w409 is being restocked.' });
    expect(breaches(lenientLogs)).toContainEqual(
      expect.objectContaining({
        operationId: 'widgetStock',
        status: 409,
        errors: ['status 409 is not declared'],
      }),
    );
  });
});
