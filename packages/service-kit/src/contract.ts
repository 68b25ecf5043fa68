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
  router.getOperations = () => operations;
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
  function matchOperation(req: ApiRequest): Operation | undefined;
  function matchOperation(req: ApiRequest, strict: boolean): Operation;
  function matchOperation(req: ApiRequest, strict?: boolean): Operation | undefined {
    const normalized = router.normalizeRequest(req);
    const notFound = () => {
      if (strict) throw Error('404-notFound: no route matches request');
      return undefined;
    };
    if (!underRoot(normalized.path)) return notFound();
    const path = router.normalizePath(normalized.path);
    const exact = operations.find((op) => op.path === path && op.method === normalized.method);
    if (exact) return exact;
    const matching = templates.filter((t) => t.pattern.test(path));
    if (matching.length === 0) return notFound();
    const match = matching.find((t) => t.operation.method === normalized.method)?.operation;
    if (!match && strict) throw Error('405-methodNotAllowed: this method is not registered for the route');
    return match;
  }
  router.matchOperation = matchOperation;
}
