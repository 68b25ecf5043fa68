import { OpenAPIBackend } from 'openapi-backend';
import { describe, expect, it } from 'vitest';
import { contractPath } from '../src/config.js';
import { loadContract } from '../src/contract.js';

const DOMAINS = ['users', 'catalog', 'cart', 'orders', 'feedback'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** What a router answers for a request: the operation, or the error strict matching throws. */
function answer(api: OpenAPIBackend, method: string, path: string): string {
  try {
    return api.router.matchOperation({ method, path, headers: {} }, true).operationId ?? '(no id)';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('routing each request once', () => {
  it.each(DOMAINS)(
    'When the %s contract routes every path of its own and some of none, with every method, then it answers as openapi-backend itself does',
    async (domain) => {
      const ours = await loadContract(contractPath(domain));
      const theirs = new OpenAPIBackend({ definition: contractPath(domain), strict: true });
      await theirs.init();
      const paths = theirs.router.getOperations().map((op) => op.path.replace(/\{[^}]+\}/g, 'x1'));
      const requests = [...new Set([...paths, ...paths.map((p) => `${p}/`), '/v1/nothing-here', '/'])];
      let operations = 0;
      for (const path of requests)
        for (const method of METHODS) {
          const expected = answer(theirs, method, path);
          expect(answer(ours, method, path), `${method} ${path}`).toBe(expected);
          if (!/^40[45]-/.test(expected)) operations += 1;
        }
      // Every operation was reached at least once, and the 404s and 405s were compared too.
      expect(operations).toBeGreaterThanOrEqual(theirs.router.getOperations().length);
      // Looked up, not rebuilt: the same list each time.
      expect(ours.router.getOperations()).toBe(ours.router.getOperations());
    },
  );

  it('When two path templates match one request, then the more specific one wins, as openapi-backend decides', async () => {
    const operation = (operationId: string) => ({ operationId, responses: { 200: { description: 'ok' } } });
    const definition = {
      openapi: '3.0.3',
      info: { title: 'ambiguous', version: '1' },
      paths: {
        '/a/{x}/c': { get: operation('byX') },
        '/a/bb/{y}': { get: operation('byY') },
        '/{p}/{q}/{r}': { get: operation('any'), post: operation('anyPost') },
      },
    };
    const ours = await loadContract(structuredClone(definition));
    const theirs = new OpenAPIBackend({ definition: structuredClone(definition) as never, strict: true });
    await theirs.init();
    for (const [method, path] of [
      ['get', '/a/bb/c'],
      ['get', '/a/z/c'],
      ['get', '/z/z/z'],
      ['post', '/a/bb/c'],
      ['put', '/a/bb/c'],
    ] as const)
      expect(answer(ours, method, path), `${method} ${path}`).toBe(answer(theirs, method, path));
    expect(answer(ours, 'get', '/a/bb/c')).toBe('byY');
  });
});
