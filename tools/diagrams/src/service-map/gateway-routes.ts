// The gateway's routes: every operation of the API Gateway flavour of the bundled contract (the
// document API Gateway imports and the local gateway routes by), by the service it integrates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wrap, type MapEdge, type MapNode } from './graph.js';
import { externalId, nodeId, titleCase } from './sync-calls.js';

export const API_DOCUMENT = 'contracts/dist/shopeasy.apigateway.json';

export interface Route {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The service the integration URI's stage variable names (`catalogHost` → catalog). */
  readonly service: string;
  readonly secured: boolean;
}

// `http://${stageVariables.catalogHost}/v1/products`.
const URI = /\$\{stageVariables\.([A-Za-z0-9_]+)Host\}/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation {
  operationId?: string;
  security?: unknown[];
  'x-amazon-apigateway-integration'?: { uri?: string };
}

export interface ApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    securitySchemes?: Record<string, { 'x-amazon-apigateway-authorizer'?: { authorizerUri?: string } }>;
  };
}

/** The Lambda authorizers the document names (`${ShopEasyAuthorizerUri}` → `authorizer`). */
export function authorizersOf(document: ApiDocument): string[] {
  const uris = Object.values(document.components?.securitySchemes ?? {}).map(
    (scheme) => scheme['x-amazon-apigateway-authorizer']?.authorizerUri ?? '',
  );
  const names = uris.map((uri) => uri.match(/^\$\{ShopEasy(\w+?)Uri\}$/)?.[1]).filter((n) => n !== undefined);
  return [
    ...new Set(
      names.map((n) => n.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)),
    ),
  ].sort();
}

/** The routes of an API Gateway document, in the document's order. */
export function routesOf(document: ApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const method of METHODS) {
      const operation = item[method];
      const service = operation?.['x-amazon-apigateway-integration']?.uri?.match(URI)?.[1];
      if (!operation || !service) continue;
      routes.push({
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        service,
        secured: (operation.security ?? []).length > 0,
      });
    }
  return routes;
}

export function readApiDocument(root: string): ApiDocument {
  return JSON.parse(readFileSync(join(root, API_DOCUMENT), 'utf8')) as ApiDocument;
}

/** The service serving the JSON Web Key Set, found by its route. */
export const jwksOwner = (routes: readonly Route[]) => routes.find((r) => /jwks/i.test(r.path))?.service;

/**
 * The client's edge to the gateway, one edge per service with the operations routed to it, and
 * an outside party's webhook (`/v1/payments/stripe/webhook`: Stripe calls the gateway).
 */
export function gatewayEdges(routes: readonly Route[]): { nodes: MapNode[]; edges: MapEdge[] } {
  const gateway = nodeId({ name: 'gateway' });
  const nodes: MapNode[] = [{ id: 'external:client', kind: 'external', label: 'Shopper / partner client' }];
  const edges: MapEdge[] = [
    { from: 'external:client', to: gateway, label: `HTTPS /v1\n${routes.length} operations`, mode: 'sync' },
  ];
  const services = [...new Set(routes.map((r) => r.service))].sort();
  for (const service of services) {
    const own = routes.filter((r) => r.service === service).map((r) => r.operationId);
    edges.push({ from: gateway, to: nodeId({ name: service }), label: wrap(own, 3), mode: 'sync' });
  }
  for (const route of routes.filter((r) => /webhook/i.test(r.operationId) && !r.secured)) {
    const segments = route.path.split('/');
    const party = segments[segments.findIndex((s) => /webhook/i.test(s)) - 1];
    if (!party || party.startsWith('{')) continue;
    nodes.push({ id: externalId(party), kind: 'external', label: titleCase(party) });
    edges.push({
      from: externalId(party),
      to: gateway,
      label: `webhook\n${route.operationId}`,
      mode: 'sync',
    });
  }
  return { nodes, edges };
}
