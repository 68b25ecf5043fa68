import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, listOperations, resolveLocalRef } from '../lib.mjs';

type Node = Record<string, unknown>;

/** Follows a local `$ref` (`#/components/...`) of the bundled document, as often as it chains. */
function resolve(document: Node, node: unknown): Node {
  let current = node as Node;
  while (typeof current?.$ref === 'string') current = resolveLocalRef(document, current.$ref) as Node;
  return current;
}

/** Whether a response declares `Cache-Control` whose only allowed value is no-store. */
function saysNoStore(document: Node, response: unknown): boolean {
  const headers = (resolve(document, response).headers ?? {}) as Node;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'cache-control');
  if (!entry) return false;
  const schema = resolve(document, resolve(document, entry[1]).schema);
  return JSON.stringify(schema.enum) === '["no-store"]';
}

describe('answers only their caller may see are never stored', () => {
  let openapi: Node;
  beforeAll(async () => {
    openapi = ((await buildBundles()) as { openapi: Node }).openapi;
  });

  it('When an operation needs a token, then every success answer its contract declares says Cache-Control: no-store', async () => {
    const secured = listOperations(openapi).filter((operation: { secured: boolean }) => operation.secured);
    expect(secured.length).toBeGreaterThan(15);

    const storable: string[] = [];
    for (const { operationId, method, path } of secured) {
      const operation = ((openapi.paths as Node)[path] as Node)[method.toLowerCase()] as Node;
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        if (status.startsWith('2') && !saysNoStore(openapi, response))
          storable.push(`${operationId} ${status}`);
      }
    }
    expect(storable).toEqual([]);
  });

  it('When an operation hands out or takes back tokens, then its success answers say no-store too, though it needs no token', async () => {
    for (const [path, method] of [
      ['/v1/auth/register', 'post'],
      ['/v1/auth/login', 'post'],
      ['/v1/auth/refresh', 'post'],
      ['/v1/auth/logout', 'post'],
    ] as const) {
      const operation = ((openapi.paths as Node)[path] as Node)[method] as Node;
      const successes = Object.entries(operation.responses as Node).filter(([status]) =>
        status.startsWith('2'),
      );
      expect(successes.length).toBeGreaterThan(0);
      for (const [, response] of successes) expect(saysNoStore(openapi, response)).toBe(true);
    }
  });
});
