import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Operation, type Request as ApiRequest } from 'openapi-backend';

/**
 * An initialised openapi-backend for a contract (file path or document): request validation with
 * all errors and type coercion of parameters, response validation, and the string formats
 * (email, date-time, uri, …) checked. Services and contract tests validate the same way.
 */
export async function loadContract(definition: string | object): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: definition as string,
    strict: true,
    coerceTypes: true,
    ajvOpts: { allErrors: true },
    customizeAjv: (ajv) => {
      addFormats.default(ajv, ['email', 'date-time', 'date', 'uri', 'uuid']);
      return ajv;
    },
  });
  await api.init();
  routeOnce(api);
  return api;
}

// openapi-backend's pattern for a path template: each {parameter} one segment, the rest literal.
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );

/** Where a request goes: its operation, or why none serves it (404 or 405). */
export type RouteMatch = { operation: Operation } | { missing: 'not-found' | 'method-not-allowed' };

const matchers = new WeakMap<OpenAPIBackend, (method: string, path: string) => RouteMatch>();

/**
 * The route matcher of a contract loaded by `loadContract`: one call per request, whose operation
 * then goes to validation and the handler (nothing matches the request again).
 */
export function routesOf(api: OpenAPIBackend): (method: string, path: string) => RouteMatch {
  const match = matchers.get(api);
  if (!match) throw new Error('The contract was not loaded by loadContract.');
  return match;
}

/**
 * openapi-backend rebuilds its list of operations from the document, and compiles a pattern for
 * every path, each time it matches a request or looks an operation up: several times per request.
 * The document does not change after `init()`, so the list is built once and the patterns
 * compiled once, ordered as its router orders them (most specific first, then document order);
 * the answers are the same.
 */
function routeOnce(api: OpenAPIBackend): void {
  const router = api.router;
  const operations = router.getOperations();
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  router.getOperations = () => operations;
  router.getOperation = (operationId) => byId.get(operationId);
  const templates = operations
    .map((operation, index) => ({
      operation,
      index,
      pattern: patternOf(operation.path),
      specificity: operation.path.replace(/\{.*?\}/g, '').length,
    }))
    .sort((a, b) => b.specificity - a.specificity || a.index - b.index);
  const underRoot = (path: string) =>
    (router as unknown as { isUnderApiRoot(path: string): boolean }).isUnderApiRoot(path);
  const notFound = { missing: 'not-found' } as const;
  const match = (method: string, rawPath: string): RouteMatch => {
    const normalized = router.normalizeRequest({ method, path: rawPath, headers: {} });
    if (!underRoot(normalized.path)) return notFound;
    const path = router.normalizePath(normalized.path);
    const exact = operations.find((op) => op.path === path && op.method === normalized.method);
    if (exact) return { operation: exact };
    const matching = templates.filter((t) => t.pattern.test(path));
    if (matching.length === 0) return notFound;
    const operation = matching.find((t) => t.operation.method === normalized.method)?.operation;
    return operation ? { operation } : { missing: 'method-not-allowed' };
  };
  matchers.set(api, match);
  function matchOperation(req: ApiRequest): Operation | undefined;
  function matchOperation(req: ApiRequest, strict: boolean): Operation;
  function matchOperation(req: ApiRequest, strict?: boolean): Operation | undefined {
    const found = match(req.method, req.path);
    if ('operation' in found) return found.operation;
    if (!strict) return undefined;
    if (found.missing === 'not-found') throw Error('404-notFound: no route matches request');
    throw Error('405-methodNotAllowed: this method is not registered for the route');
  }
  router.matchOperation = matchOperation;
}
