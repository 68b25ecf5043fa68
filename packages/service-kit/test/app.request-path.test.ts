import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { OpenAPIRouter } from 'openapi-backend';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServiceApp, type RunningServer, startServer } from '../src/public/http.js';
import { createLogger } from '../src/public/telemetry.js';

// What one request costs the kit: how often it is parsed and matched, and what is compiled for it.
const contractPath = fileURLToPath(new URL('./fixtures/widgets.yaml', import.meta.url));
const parses = vi.spyOn(OpenAPIRouter.prototype, 'parseRequest');
// Every route match and every parse normalises the request once.
const normalisations = vi.spyOn(OpenAPIRouter.prototype, 'normalizeRequest');
const compiles = vi.spyOn(Ajv.prototype, 'compile');
let server: RunningServer;

beforeAll(async () => {
  const app = await createServiceApp({
    service: 'widgets',
    contractPath,
    logger: createLogger('widgets', 'silent'),
    verifier: { verify: async () => ({ userId: 'usr_admin', role: 'admin' }) },
    strictResponses: true,
    handlers: {
      listWidgets: async ({ query }: { query: { limit: number } }) => ({
        status: 200,
        body: { items: [], limit: query.limit },
      }),
      createWidget: async ({ body }: { body: object }) => ({ status: 201, body: { id: 'w1', ...body } }),
    },
  });
  server = await startServer(app, 0);
});

afterAll(() => server.close());

beforeEach(() => {
  for (const spy of [parses, normalisations, compiles]) spy.mockClear();
});

const create = (body: object) =>
  fetch(`${server.url}/v1/widgets`, {
    method: 'POST',
    headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the request path of a service app', () => {
  it('When 10 requests are served, then each is matched once and parsed once, and nothing is compiled', async () => {
    for (let i = 1; i <= 5; i++) {
      const list = await fetch(`${server.url}/v1/widgets?limit=${i}`);
      expect(await list.json()).toEqual({ items: [], limit: i });
      expect((await create({ name: 'Gizmo', price: i })).status).toBe(201);
    }
    expect(parses).toHaveBeenCalledTimes(10);
    expect(normalisations).toHaveBeenCalledTimes(20);
    expect(compiles).not.toHaveBeenCalled();
  });

  it('When the route is unknown or the method wrong, then 404 / 405 after one match and no parse', async () => {
    expect((await fetch(`${server.url}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/widgets`, { method: 'DELETE' })).status).toBe(405);
    expect(parses).not.toHaveBeenCalled();
    expect(normalisations).toHaveBeenCalledTimes(2);
  });

  it('When the query and the body break the schema, then 400 names each field, from one parse', async () => {
    const list = await fetch(`${server.url}/v1/widgets?limit=0`);
    expect(list.status).toBe(400);
    const listed = (await list.json()) as { errors: { field: string }[] };
    expect(listed.errors.map((e) => e.field)).toEqual(['query.limit']);
    const created = (await (await create({ name: 'x', price: 'free' })).json()) as {
      errors: { field: string }[];
    };
    expect(created.errors.map((e) => e.field).sort()).toEqual(['body.name', 'body.price']);
    expect(parses).toHaveBeenCalledTimes(2);
  });
});
