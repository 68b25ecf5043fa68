import type { ErrorObject } from 'ajv';
import type { FieldError } from './errors.js';

// openapi-backend validates one object {requestBody, query, params, headers}; clients see where
// the failing value was, as the contracts describe: body.email, query.limit, path.productId.
const locations: Record<string, string> = {
  requestBody: 'body',
  query: 'query',
  params: 'path',
  path: 'path',
  headers: 'header',
  header: 'header',
};

/** Turns Ajv errors from openapi-backend into `{field, message}` pairs a client can show. */
export function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    const message = messageOf(error);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter(Boolean).map(unescape);
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  if (extra) parts.push(extra);
  const [first, ...rest] = parts;
  const location = first ? locations[first] : undefined;
  if (!location) return ['body', ...parts].join('.');
  return [location, ...rest].join('.');
}

// JSON Pointer escapes (~1 for '/', ~0 for '~').
function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not an allowed field';
  if (error.keyword === 'required') return 'is required';
  return error.message ?? 'is invalid';
}
