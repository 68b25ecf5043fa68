import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as client from '@shopeasy/api-client';
import { listOperations } from '@shopeasy/contract-tools';
import { freePort } from '@shopeasy/local-aws';
import { loadContract } from '@shopeasy/service-kit/http';
import type { OpenAPIBackend } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../start.mjs';

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, NonNullable<Operation['parameters']>[number]> };
};
type Operation = {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; example?: unknown }[];
  requestBody?: {
    content: Record<string, { schema: { $ref?: string }; examples?: Record<string, { value: unknown }> }>;
  };
};

const bundlePath = fileURLToPath(new URL('../../contracts/dist/shopeasy.openapi.json', import.meta.url));
let mock: Awaited<ReturnType<typeof startMock>>;
let validator: OpenAPIBackend;
let doc: Doc;

beforeAll(async () => {
  mock = await startMock({ port: await freePort(), quiet: true });
  validator = await loadContract(bundlePath);
  // The raw document keeps its $refs, which name the generated client's body parameters.
  doc = JSON.parse(readFileSync(bundlePath, 'utf8')) as Doc;
});

afterAll(async () => {
  await mock?.stop();
});

const camel = (s: string) => s.replace(/[-_](.)/g, (_, c: string) => c.toUpperCase());
const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/** The generated client's request object for an operation, filled from the contract's own examples. */
function exampleRequest(op: Operation): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const p of (op.parameters ?? []).map(resolveParameter)) {
    if (p.required && p.example !== undefined) request[lowerFirst(camel(p.name))] = p.example;
  }
  const json = op.requestBody?.content['application/json'];
  if (json) {
    const name = json.schema.$ref?.split('/').pop();
    const example = Object.values(json.examples ?? {})[0]?.value;
    if (!name || example === undefined) throw new Error(`${op.operationId}: no named body schema or example`);
    request[lowerFirst(name)] = example;
  }
  return request;
}

type Parameter = NonNullable<Operation['parameters']>[number];

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if (!('$ref' in p)) return p;
  const name = p.$ref.split('/').pop()!;
  return doc.components.parameters[name]!;
}

type RawCall = (request: Record<string, unknown>) => Promise<{ raw: Response }>;

/** Finds the generated API class that has the operation. */
function clientMethod(operationId: string, basePath: string): RawCall {
  const configuration = new client.Configuration({ basePath, accessToken: async () => 'mock-access-token' });
  for (const [name, value] of Object.entries(client as Record<string, unknown>)) {
    if (!name.endsWith('Api') || typeof value !== 'function') continue;
    const api = new (value as new (c: client.Configuration) => Record<string, unknown>)(configuration);
    const method = api[`${operationId}Raw`];
    if (typeof method === 'function') return (method as RawCall).bind(api);
  }
  throw new Error(`The generated client has no method for ${operationId}`);
}

describe('Prism mock of the bundled API', () => {
  it('When GET /v1/categories is asked, then the contract example is served', async () => {
    const res = await fetch(`${mock.url}/v1/categories`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]).toHaveProperty('id');
  });

  it('When every operation is called through the generated TypeScript client, then each answer matches the contract', async () => {
    const operations = listOperations(doc);
    expect(operations.length).toBeGreaterThanOrEqual(29);
    const failures: string[] = [];
    for (const { operationId, method, path } of operations) {
      const op = doc.paths[path]![method.toLowerCase()]!;
      const { raw } = await clientMethod(operationId, mock.url)(exampleRequest(op));
      const text = await raw.text();
      const body = text ? JSON.parse(text) : null;
      const result = validator.validateResponse(body, operationId, raw.status);
      if (raw.status >= 300) failures.push(`${operationId}: status ${raw.status}`);
      if (result.errors?.length) failures.push(`${operationId}: ${JSON.stringify(result.errors)}`);
    }
    expect(failures).toEqual([]);
  });
});
