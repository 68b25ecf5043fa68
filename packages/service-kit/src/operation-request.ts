import type { ErrorObject } from 'ajv';
import type { OpenAPIBackend, Operation, ParsedRequest, Request as ApiRequest } from 'openapi-backend';

/** Parses a request for its matched operation, once: security, validation and the handler share it. */
export type RequestParser = (req: ApiRequest, operation: Operation) => ParsedRequest;

/**
 * Validates a parsed request against its operation's precompiled schemas, coercing its query and
 * path parameters in place (`?limit=5` becomes 5); returns the failures, empty when valid.
 */
export type RequestValidator = (request: ParsedRequest, operation: Operation) => ErrorObject[];

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string };
}

/**
 * openapi-backend's `handleRequest` parses a request four times (before routing, after it, inside
 * `validateRequest` and again for the coerced values). Here it is parsed once and validated with
 * the same precompiled validators, to the same effect (openapi-backend's `validateRequest`).
 */
export function requestParsing(api: OpenAPIBackend): { parse: RequestParser; validate: RequestValidator } {
  const router = api.router;
  // Query parameters declared as arrays, per operation: a single `?tag=a` is validated as ['a'].
  const arrayQueries = new Map<string, string[]>();
  for (const operation of router.getOperations()) {
    const names = ((operation.parameters ?? []) as Parameter[])
      .filter((p) => p.in === 'query' && p.schema?.type === 'array')
      .map((p) => p.name);
    arrayQueries.set(operation.operationId ?? '', names);
  }
  const parse: RequestParser = (req, operation) => router.parseRequest(req, operation);
  const validate: RequestValidator = (request, operation) => {
    const operationId = operation.operationId ?? '';
    const query = request.query as Record<string, unknown>;
    for (const name of arrayQueries.get(operationId) ?? [])
      if (typeof query[name] === 'string') query[name] = [query[name]];
    const parameters: Record<string, unknown> = {
      path: request.params,
      query,
      header: request.headers,
      cookie: request.cookies,
    };
    const contentType = String([request.headers['content-type']].flat()[0] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (typeof request.requestBody === 'object' || contentType === 'application/json')
      parameters.requestBody = request.requestBody;
    const errors: ErrorObject[] = [];
    for (const check of api.validator.getRequestValidatorsForOperation(operationId) ?? []) {
      if (!check(parameters)) errors.push(...(check.errors ?? []));
    }
    return errors;
  };
  return { parse, validate };
}
