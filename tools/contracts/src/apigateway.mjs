import {
  AUTHORIZER_NAME,
  AUTHORIZER_URI_PLACEHOLDER,
  HTTP_METHODS,
  VPC_LINK_STAGE_VARIABLE,
  stageVariableFor,
} from './domains.mjs';
import { isObject, resolveLocalRef } from './walk.mjs';
import {
  SCHEMA_REF_PREFIX,
  parameterSchema,
  sanitizeContent,
  sanitizeResponse,
  sanitizeSchema,
  withoutExamples,
} from './apigateway-schemas.mjs';

export { APIGW_FORMATS, APIGW_SCHEMA_KEYWORDS, sanitizeSchema } from './apigateway-schemas.mjs';
import { gatewayResponses } from './gateway-responses.mjs';

/** Replaces every ref that does not point into #/components/schemas by a copy of its target. */
function inlineNonSchemaRefs(node, doc, seen = []) {
  if (Array.isArray(node)) return node.map((v) => inlineNonSchemaRefs(v, doc, seen));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith(SCHEMA_REF_PREFIX)) {
    const target = resolveLocalRef(doc, node.$ref);
    if (target === undefined) throw new Error(`unresolvable $ref ${node.$ref}`);
    if (seen.includes(node.$ref)) throw new Error(`circular $ref ${node.$ref}`);
    return inlineNonSchemaRefs(target, doc, [...seen, node.$ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineNonSchemaRefs(v, doc, seen)]));
}

function isSecured(operation, doc) {
  const security = operation.security ?? doc.security ?? [];
  return security.some((req) => Object.keys(req).length > 0);
}

// Operations that also accept a guest cart token (X-Cart-Token) go through a REQUEST authorizer.
const GUEST_AUTHORIZER_NAME = 'shopeasyGuestCart';
const acceptsCartToken = (operation) => (operation.security ?? []).some((req) => 'cartToken' in req);

function securityOf(operation, doc) {
  if (acceptsCartToken(operation)) return [{ [GUEST_AUTHORIZER_NAME]: [] }];
  return isSecured(operation, doc) ? [{ [AUTHORIZER_NAME]: [] }] : [];
}

/** Whether every caller gets the same 200 answer: a public GET whose contract lets caches keep it. */
function isPublicRead(operation, method, doc) {
  const cacheControl = operation.responses?.['200']?.headers?.['Cache-Control']?.schema?.enum?.[0];
  return method === 'get' && !isSecured(operation, doc) && /^public\b/.test(cacheControl ?? '');
}

/** The request parameters that change a public read's answer: its path and query parameters. */
function cacheKeyParameters(route, parameters) {
  const pathParams = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => `method.request.path.${m[1]}`);
  const queryParams = parameters
    .filter((p) => p.in === 'query')
    .map((p) => `method.request.querystring.${p.name}`);
  return [...pathParams, ...queryParams];
}

function integrationFor(service, method, route, cacheKeys) {
  const pathParams = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return {
    type: 'http_proxy',
    httpMethod: method.toUpperCase(),
    uri: `http://\${stageVariables.${stageVariableFor(service)}}${route}`,
    passthroughBehavior: 'when_no_match',
    connectionType: 'VPC_LINK',
    connectionId: `\${stageVariables.${VPC_LINK_STAGE_VARIABLE}}`,
    ...(pathParams.length > 0 && {
      requestParameters: Object.fromEntries(
        pathParams.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
      ),
    }),
    // Only public reads are cached at the edge (the CDK stage turns caching on for them alone).
    ...(cacheKeys && { cacheKeyParameters: cacheKeys }),
  };
}

function apigwOperation(operation, method, route, doc, itemParameters = []) {
  const service = operation['x-shopeasy-service'];
  if (!service) throw new Error(`${method.toUpperCase()} ${route} has no x-shopeasy-service`);
  const { security: _security, parameters, requestBody, responses, ...rest } = operation;
  return {
    ...rest,
    ...(parameters && {
      parameters: parameters.map((p) => ({ ...withoutExamples(p), schema: parameterSchema(p.schema, doc) })),
    }),
    ...(requestBody && { requestBody: { ...requestBody, content: sanitizeContent(requestBody.content) } }),
    responses: Object.fromEntries(Object.entries(responses).map(([code, r]) => [code, sanitizeResponse(r)])),
    security: securityOf(operation, doc),
    'x-amazon-apigateway-request-validator': requestBody ? 'all' : 'params-only',
    'x-amazon-apigateway-integration': integrationFor(
      service,
      method,
      route,
      isPublicRead(operation, method, doc)
        ? cacheKeyParameters(route, [...itemParameters, ...(parameters ?? [])])
        : undefined,
    ),
  };
}

const authorizer = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  description: 'Bearer JWT from POST /v1/auth/login, checked by the ShopEasy token authorizer.',
  'x-amazon-apigateway-authtype': 'custom',
  'x-amazon-apigateway-authorizer': {
    type: 'token',
    authorizerUri: AUTHORIZER_URI_PLACEHOLDER,
    identitySource: 'method.request.header.Authorization',
    identityValidationExpression: '^Bearer [-0-9A-Za-z_.]+$',
    authorizerResultTtlInSeconds: 300,
  },
};

/**
 * The same function as a REQUEST authorizer: a bearer token is checked as by the token authorizer,
 * a request with X-Cart-Token alone passes as a guest (the cart service checks the token). Not
 * cached (TTL 0), so API Gateway calls it even when one of the identity sources is missing.
 */
const guestCartAuthorizer = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  description: 'Bearer JWT, or a guest cart token in X-Cart-Token, checked by the ShopEasy authorizer.',
  'x-amazon-apigateway-authtype': 'custom',
  'x-amazon-apigateway-authorizer': {
    type: 'request',
    authorizerUri: AUTHORIZER_URI_PLACEHOLDER,
    identitySource: 'method.request.header.Authorization, method.request.header.X-Cart-Token',
    authorizerResultTtlInSeconds: 0,
  },
};

/** Builds the API Gateway REST import flavour of a bundled document. */
export function toApiGatewayFlavour(bundle) {
  const inlined = inlineNonSchemaRefs(bundle.paths, bundle);
  const paths = {};
  for (const [route, item] of Object.entries(inlined)) {
    paths[route] = {};
    for (const [key, value] of Object.entries(item)) {
      if (HTTP_METHODS.includes(key))
        paths[route][key] = apigwOperation(value, key, route, bundle, item.parameters ?? []);
      else if (key === 'parameters')
        paths[route][key] = value.map((p) => ({
          ...withoutExamples(p),
          schema: parameterSchema(p.schema, bundle),
        }));
      else paths[route][key] = value;
    }
  }
  const schemas = Object.fromEntries(
    Object.entries(bundle.components.schemas ?? {}).map(([name, s]) => [name, sanitizeSchema(s)]),
  );
  return {
    openapi: bundle.openapi,
    info: bundle.info,
    servers: bundle.servers,
    tags: bundle.tags,
    'x-amazon-apigateway-request-validators': {
      all: { validateRequestBody: true, validateRequestParameters: true },
      'params-only': { validateRequestBody: false, validateRequestParameters: true },
    },
    'x-amazon-apigateway-gateway-responses': gatewayResponses(),
    paths,
    components: {
      schemas,
      securitySchemes: { [AUTHORIZER_NAME]: authorizer, [GUEST_AUTHORIZER_NAME]: guestCartAuthorizer },
    },
  };
}
