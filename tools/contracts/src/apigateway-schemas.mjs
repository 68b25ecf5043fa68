// Rewrites schemas, media types and parameters into what API Gateway's REST import accepts.
import { clone, isObject, resolveLocalRef } from './walk.mjs';

/** Schema keywords API Gateway models (JSON Schema draft 4 subset) accept; everything else is dropped. */
export const APIGW_SCHEMA_KEYWORDS = Object.freeze([
  '$ref',
  'type',
  'format',
  'title',
  'description',
  'default',
  'enum',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'items',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'properties',
  'allOf',
]);
export const APIGW_FORMATS = Object.freeze(['date-time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri']);
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** Rewrites one schema into what API Gateway's import accepts. */
export function sanitizeSchema(schema) {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref };
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!APIGW_SCHEMA_KEYWORDS.includes(key)) continue;
    if (key === 'format' && !APIGW_FORMATS.includes(value)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([n, s]) => [n, sanitizeSchema(s)]));
    } else if (key === 'items') out.items = sanitizeSchema(value);
    else if (key === 'allOf') out.allOf = value.map(sanitizeSchema);
    else out[key] = clone(value);
  }
  return out;
}

/** Parameter schemas are inlined: API Gateway only reads their type. */
export function parameterSchema(schema, doc) {
  const resolved = schema?.$ref ? resolveLocalRef(doc, schema.$ref) : schema;
  return sanitizeSchema(resolved);
}

export function withoutExamples({ example: _example, examples: _examples, ...rest }) {
  return rest;
}

export function sanitizeContent(content) {
  if (!content) return content;
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [
      type,
      { ...withoutExamples(media), schema: sanitizeSchema(media.schema) },
    ]),
  );
}

export function sanitizeResponse(response) {
  const out = { ...response };
  if (response.headers) {
    out.headers = Object.fromEntries(
      Object.entries(response.headers).map(([n, h]) => [
        n,
        { ...withoutExamples(h), schema: sanitizeSchema(h.schema) },
      ]),
    );
  }
  if (response.content) out.content = sanitizeContent(response.content);
  return out;
}
