import { beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORIZER_NAME,
  AUTHORIZER_URI_PLACEHOLDER,
  HTTP_METHODS,
  INTERNAL_PREFIX,
  buildBundles,
  loadContracts,
  resolveLocalRef,
  stageVariableFor,
  walk,
  type JsonObject,
} from '../lib.mjs';

const FORBIDDEN = [
  'additionalProperties',
  'oneOf',
  'anyOf',
  'not',
  'discriminator',
  'example',
  'examples',
  'readOnly',
  'writeOnly',
  'nullable',
  'xml',
  'externalDocs',
  'deprecated',
  'exclusiveMinimum',
  'exclusiveMaximum',
];
const ACCEPTED_FORMATS = ['date-time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri'];

interface SourceOperation {
  service: string;
  method: string;
  path: string;
  op: JsonObject;
}

let allSources: SourceOperation[];
let sources: SourceOperation[];
let openapi: JsonObject;
let apigateway: JsonObject;
let internal: JsonObject;

beforeAll(async () => {
  const { domains } = await loadContracts();
  allSources = domains.flatMap(({ service, doc }) =>
    Object.entries(doc.paths as JsonObject).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((method) => ({ service, method, path, op: item[method] })),
    ),
  );
  sources = allSources.filter((s) => !s.path.startsWith(INTERNAL_PREFIX));
  ({ openapi, apigateway, internal } = await buildBundles());
});

describe('internal operations', () => {
  it('When an operation lives under /internal/, then only the internal bundle carries it', () => {
    const internalSources = allSources.filter((s) => s.path.startsWith(INTERNAL_PREFIX));
    expect(internalSources.length).toBeGreaterThan(0);
    for (const { op } of internalSources) {
      expect(operationsWithId(openapi, op.operationId)).toHaveLength(0);
      expect(operationsWithId(apigateway, op.operationId)).toHaveLength(0);
      expect(operationsWithId(internal, op.operationId)).toHaveLength(1);
    }
    const schemes = Object.keys((apigateway.components as JsonObject).securitySchemes as JsonObject);
    expect(schemes).toEqual([AUTHORIZER_NAME, 'shopeasyGuestCart']);
  });
});

function operationsWithId(doc: JsonObject, operationId: string) {
  return Object.entries(doc.paths as JsonObject).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]?.operationId === operationId).map((method) => ({
      path,
      method,
      op: item[method],
    })),
  );
}

/** Every schema object of a document, with the keywords that hold sub-schemas followed. */
function schemasOf(doc: JsonObject): Array<{ at: string; schema: JsonObject }> {
  const found: Array<{ at: string; schema: JsonObject }> = [];
  const visitSchema = (schema: JsonObject, at: string) => {
    found.push({ at, schema });
    for (const [name, sub] of Object.entries((schema.properties ?? {}) as JsonObject))
      visitSchema(sub, `${at}.properties.${name}`);
    if (schema.items) visitSchema(schema.items, `${at}.items`);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      (schema[key] ?? []).forEach((s: JsonObject, i: number) => visitSchema(s, `${at}.${key}[${i}]`));
    if (schema.not) visitSchema(schema.not, `${at}.not`);
    if (typeof schema.additionalProperties === 'object')
      visitSchema(schema.additionalProperties, `${at}.additionalProperties`);
  };
  for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as JsonObject))
    visitSchema(schema, `components.schemas.${name}`);
  walk(doc.paths, (node: unknown, at: Array<string | number>) => {
    const n = node as JsonObject;
    if (!Array.isArray(node) && n.schema && typeof n.schema === 'object')
      visitSchema(n.schema, [...at, 'schema'].join('.'));
  });
  return found;
}

describe('API Gateway flavour of the bundle', () => {
  it('When the contracts are bundled, then every domain operation appears exactly once in both outputs', () => {
    expect(sources).toHaveLength(32);
    for (const doc of [openapi, apigateway]) {
      const total = Object.values(doc.paths as JsonObject).flatMap((item) =>
        HTTP_METHODS.filter((m) => item[m]),
      ).length;
      expect(total).toBe(sources.length);
      for (const { method, path, op } of sources) {
        const found = operationsWithId(doc, op.operationId);
        expect(
          found.map((f) => `${f.method} ${f.path}`),
          op.operationId,
        ).toEqual([`${method} ${path}`]);
      }
    }
  });

  it('When an operation is imported, then its integration proxies to the owning service through the VPC link', () => {
    for (const { service, method, path, op } of sources) {
      const target = apigateway.paths[path][method];
      const integration = target['x-amazon-apigateway-integration'];
      expect(target['x-shopeasy-service'], op.operationId).toBe(service);
      expect(integration).toMatchObject({
        type: 'http_proxy',
        httpMethod: method.toUpperCase(),
        uri: `http://\${stageVariables.${stageVariableFor(service)}}${path}`,
        passthroughBehavior: 'when_no_match',
        connectionType: 'VPC_LINK',
        connectionId: '${stageVariables.vpcLinkId}',
      });
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(integration.requestParameters ?? {}).toEqual(
        Object.fromEntries(
          pathParams.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
        ),
      );
      const validator = target['x-amazon-apigateway-request-validator'];
      expect(validator).toBe(op.requestBody ? 'all' : 'params-only');
      expect(apigateway['x-amazon-apigateway-request-validators']).toHaveProperty([validator]);
    }
  });

  it('When the public reads are imported, then only they key the edge cache, on every path and query parameter', () => {
    type Target = { security: unknown; parameters: { in: string; name: string }[]; [k: string]: unknown };
    const keyed: Record<string, Target> = {};
    for (const { method, path, op } of sources) {
      const target = apigateway.paths[path][method] as Target;
      if ((target['x-amazon-apigateway-integration'] as { cacheKeyParameters?: string[] }).cacheKeyParameters)
        keyed[op.operationId] = target;
    }
    expect(Object.keys(keyed).sort()).toEqual([
      'getProduct',
      'listCategories',
      'listCategoryProducts',
      'listProductReviews',
      'listProducts',
    ]);
    for (const [id, target] of Object.entries(keyed)) {
      expect(target.security, id).toEqual([]);
      const declared = target.parameters.map((p) =>
        p.in === 'path' ? `method.request.path.${p.name}` : `method.request.querystring.${p.name}`,
      );
      const { cacheKeyParameters } = target['x-amazon-apigateway-integration'] as {
        cacheKeyParameters: string[];
      };
      expect([...cacheKeyParameters].sort(), id).toEqual(declared.sort());
    }
    expect(JSON.stringify(keyed.listProducts?.['x-amazon-apigateway-integration'])).toContain(
      'method.request.querystring.q',
    );
  });

  it('When schemas are rewritten, then no keyword API Gateway rejects remains under any schema', () => {
    const plainSchemas = schemasOf(openapi);
    expect(plainSchemas.some(({ schema }) => 'additionalProperties' in schema)).toBe(true);

    const schemas = schemasOf(apigateway);
    expect(schemas.length).toBeGreaterThan(100);
    for (const { at, schema } of schemas) {
      expect(
        Object.keys(schema).filter((k) => FORBIDDEN.includes(k)),
        at,
      ).toEqual([]);
      if ('$ref' in schema) expect(Object.keys(schema), `${at} has $ref siblings`).toEqual(['$ref']);
      if ('format' in schema) expect(ACCEPTED_FORMATS, at).toContain(schema.format);
    }
    expect(Object.keys(apigateway.components).sort()).toEqual(['schemas', 'securitySchemes']);
    for (const name of Object.keys(apigateway.components.schemas)) expect(name).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('When refs are followed, then every $ref resolves, and in the API Gateway flavour only into #/components/schemas', () => {
    for (const [flavour, doc] of [
      ['openapi', openapi],
      ['apigateway', apigateway],
    ] as const) {
      let refs = 0;
      walk(doc, (node: unknown) => {
        const ref = (node as JsonObject).$ref;
        if (Array.isArray(node) || typeof ref !== 'string') return;
        refs += 1;
        expect(resolveLocalRef(doc, ref), `${flavour}: ${ref}`).toBeDefined();
        if (flavour === 'apigateway') expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9]+$/);
      });
      expect(refs).toBeGreaterThan(50);
    }
  });

  it('When an operation is secured, then it uses the token authorizer; when public, then none', () => {
    const scheme = apigateway.components.securitySchemes[AUTHORIZER_NAME];
    expect(scheme).toMatchObject({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': {
        type: 'token',
        authorizerUri: AUTHORIZER_URI_PLACEHOLDER,
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
      },
    });
    let secured = 0;
    for (const { method, path, op } of sources) {
      const target = apigateway.paths[path][method];
      const isSecured = (op.security as JsonObject[]).length > 0;
      secured += isSecured ? 1 : 0;
      // The cart operations that also take X-Cart-Token go through the guest-cart REQUEST authorizer.
      const guest = (op.security as JsonObject[]).some((r) => 'cartToken' in r);
      const scheme = guest ? 'shopeasyGuestCart' : AUTHORIZER_NAME;
      expect(target.security, op.operationId).toEqual(isSecured ? [{ [scheme]: [] }] : []);
      expect(target['x-shopeasy-roles'], op.operationId).toEqual(op['x-shopeasy-roles']);
    }
    expect(secured).toBeGreaterThan(0);
    expect(secured).toBeLessThan(sources.length);
    expect(apigateway.paths['/v1/products/{productId}'].get.security).toEqual([]);
    expect(apigateway.paths['/v1/products'].post['x-shopeasy-roles']).toEqual(['admin']);
  });
});
