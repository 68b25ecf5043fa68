import type { RequestHandler } from 'express';

// The little of a dereferenced OpenAPI document this reads.
type Header = { schema?: { enum?: unknown[] } };
type Response = { headers?: Record<string, Header> };
type Operation = { operationId?: string; responses?: Record<string, Response> };
type Document = { paths?: Record<string, Record<string, Operation | unknown> | undefined> };

/** Headers on every answer, problems and health checks included. */
export const PROTECTIVE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Browsers ignore it over plain http; behind the HTTPS edge it reaches them on proxied answers.
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** Sets the protective headers before anything else can answer. */
export function protectiveHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(PROTECTIVE_HEADERS);
    next();
  };
}

/**
 * The operations whose contract declares `Cache-Control: no-store` on a response: those that
 * carry tokens or personal data. Their every reply gets it. Expects a dereferenced document.
 */
export function noStoreOperations(definition: Document): Set<string> {
  const found = new Set<string>();
  for (const item of Object.values(definition.paths ?? {})) {
    for (const operation of Object.values(item ?? {}) as Operation[]) {
      if (typeof operation !== 'object' || !operation?.operationId) continue;
      if (Object.values(operation.responses ?? {}).some(declaresNoStore)) found.add(operation.operationId);
    }
  }
  return found;
}

function declaresNoStore(response: Response): boolean {
  const header = Object.entries(response.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'cache-control',
  );
  return header?.[1].schema?.enum?.includes('no-store') === true;
}
