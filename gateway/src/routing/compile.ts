/** One operation of the API Gateway document, ready to serve. */
export interface Route {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The public path template, e.g. `/v1/products/{productId}`. */
  path: string;
  /** The owning service, as `x-shopeasy-service` names it (logs only; routing follows the integration). */
  service: string;
  /** True when the operation needs a bearer access token. */
  secured: boolean;
  /** True when a guest cart token (X-Cart-Token) may stand in for the bearer token. */
  guestCart: boolean;
  /** Roles `x-shopeasy-roles` allows; empty means any authenticated caller. */
  roles: readonly string[];
  /** The method the integration calls the service with (its `httpMethod`; `ANY` keeps the caller's). */
  upstreamMethod: string;
  /** Base URL of the service (scheme, host, port) the integration's stage variable names. */
  upstreamBase: string;
  /** Path template of the integration URI, e.g. `/v1/products/{productId}`. */
  upstreamPath: string;
  /** Integration path parameter → public path parameter it is taken from. */
  pathParams: Readonly<Record<string, string>>;
}

// Integration URIs look like `http://${stageVariables.catalogHost}/v1/products/{productId}`.
const URI = /^https?:\/\/\$\{stageVariables\.([A-Za-z0-9_]+)\}(\/[^?#]*)$/;
const PATH_MAPPING = /^integration\.request\.path\.([A-Za-z0-9_]+)$/;
const PATH_SOURCE = /^method\.request\.path\.([A-Za-z0-9_]+)$/;
// The API Gateway flavour's authorizer for operations that also take X-Cart-Token.
const GUEST_CART = 'shopeasyGuestCart';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compiles the API Gateway flavour of the bundled contract into routes. `stageVariables` maps a
 * stage variable (`usersHost`, …) to the base URL of the service it names. Anything the gateway
 * could not route exactly as API Gateway would is an error naming the operation.
 */
export function compileRoutes(document: unknown, stageVariables: Readonly<Record<string, string>>): Route[] {
  if (!isObject(document) || !isObject(document.paths)) throw new Error('The API document has no paths.');
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation))
        routes.push(compileOperation(path, method, operation, document, stageVariables));
    }
  }
  if (routes.length === 0) throw new Error('The API document has no operations.');
  return routes;
}

function compileOperation(
  path: string,
  method: string,
  op: Json,
  doc: Json,
  stageVariables: Readonly<Record<string, string>>,
): Route {
  const where = `${method.toUpperCase()} ${path}`;
  const integration = op['x-amazon-apigateway-integration'];
  if (!isObject(integration) || String(integration.type).toLowerCase() !== 'http_proxy') {
    throw new Error(`${where}: needs an http_proxy x-amazon-apigateway-integration.`);
  }
  const uri = URI.exec(String(integration.uri));
  if (!uri?.[1] || !uri[2])
    throw new Error(`${where}: unsupported integration uri ${String(integration.uri)}.`);
  const base = stageVariables[uri[1]];
  if (!base) throw new Error(`${where}: no value for the stage variable ${uri[1]}.`);
  const security = op.security ?? doc.security ?? [];
  const roles = op['x-shopeasy-roles'] ?? [];
  return {
    operationId: typeof op.operationId === 'string' ? op.operationId : where,
    method: method.toUpperCase(),
    path,
    service: typeof op['x-shopeasy-service'] === 'string' ? op['x-shopeasy-service'] : 'unknown',
    secured: Array.isArray(security) && security.some((req) => isObject(req) && Object.keys(req).length > 0),
    roles: Array.isArray(roles) ? roles.map(String) : [],
    guestCart: Array.isArray(security) && security.some((req) => isObject(req) && GUEST_CART in req),
    upstreamMethod: upstreamMethod(method, integration.httpMethod),
    upstreamBase: new URL(base).origin,
    upstreamPath: uri[2],
    pathParams: pathMappings(where, uri[2], integration.requestParameters),
  };
}

function upstreamMethod(method: string, httpMethod: unknown): string {
  const declared = typeof httpMethod === 'string' ? httpMethod.toUpperCase() : 'ANY';
  return declared === 'ANY' ? method.toUpperCase() : declared;
}

function pathMappings(
  where: string,
  upstreamPath: string,
  requestParameters: unknown,
): Record<string, string> {
  const mappings: Record<string, string> = {};
  for (const [target, source] of Object.entries(isObject(requestParameters) ? requestParameters : {})) {
    const to = PATH_MAPPING.exec(target)?.[1];
    const from = PATH_SOURCE.exec(String(source))?.[1];
    if (!to || !from)
      throw new Error(`${where}: unsupported request parameter mapping ${target} = ${String(source)}.`);
    mappings[to] = from;
  }
  for (const [, name] of upstreamPath.matchAll(/\{([^}]+)\}/g)) {
    if (name && !mappings[name])
      throw new Error(`${where}: integration path parameter {${name}} is not mapped.`);
  }
  return mappings;
}
