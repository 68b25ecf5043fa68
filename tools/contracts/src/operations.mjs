import { ALL_ROLES, HTTP_METHODS } from './domains.mjs';

/**
 * Lists the operations of a bundled document (either flavour).
 * @returns {Array<{operationId: string, method: string, path: string, service: string, secured: boolean, roles: string[]}>}
 */
export function listOperations(doc) {
  const operations = [];
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security ?? doc.security ?? [];
      const secured = security.some((req) => Object.keys(req).length > 0);
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path: route,
        service: op['x-shopeasy-service'],
        secured,
        roles: op['x-shopeasy-roles'] ?? (secured ? [...ALL_ROLES] : []),
      });
    }
  }
  return operations;
}

function safeDecode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // malformed escapes are left for the service's validation to reject
  }
}

function compile(route) {
  const names = [];
  const source = route
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * Finds the operation serving `method` and `urlPath` (no query string); literal segments win over
 * path parameters. Returns null when no operation matches.
 */
export function matchOperation(operations, method, urlPath) {
  const candidates = operations
    .filter((op) => op.method === method.toUpperCase())
    .map((op) => ({ op, ...compile(op.path) }))
    .sort((a, b) => a.names.length - b.names.length);
  for (const { op, regex, names } of candidates) {
    const m = regex.exec(urlPath);
    if (!m) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, safeDecode(m[i + 1])]));
    return { operation: op, params };
  }
  return null;
}
