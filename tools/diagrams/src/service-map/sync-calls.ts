// Synchronous calls: the peer clients each component wires with another service's base URL, the
// operations those clients call, token verification against the JWKS, and outside APIs.
import { wrap, type MapEdge, type MapNode } from './graph.js';
import { readSource, kebab, type Component } from './sources.js';

// `createCatalogClient({ baseUrl: config.CATALOG_URL`: a client and the variable it is given.
const CLIENT = /create(\w+)Client\(\{\s*baseUrl:\s*config\.([A-Z0-9_]+)/g;
// `api.reserveStock(`, `api(token).getCart(`: the generated client's operations a client calls.
const OPERATION = /\bapi(?:\([^)]*\))?\.(\w+)\(/g;
// `STRIPE_API_URL: z.url()` in a config: an outside party's API.
const OUTSIDE_API = /^\s*([A-Z]+)_API_URL\s*:/gm;

export const nodeId = (c: Pick<Component, 'name'>) => `component:${c.name}`;
export const externalId = (party: string) => `external:${party.toLowerCase()}`;
export const titleCase = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`;

/** The generated-client operations a client file calls, in the order they appear, without `Raw`. */
export function operationsCalled(clientSource: string): string[] {
  const names = [...clientSource.matchAll(OPERATION)].map((m) => (m[1] ?? '').replace(/Raw$/, ''));
  return [...new Set(names)];
}

/** Calls from every component's wiring; `jwksOwner` is the service that serves the JWKS. */
export function syncCalls(
  root: string,
  all: readonly Component[],
  jwksOwner: string | undefined,
): { nodes: MapNode[]; edges: MapEdge[] } {
  const services = new Set(all.filter((c) => c.kind === 'service').map((c) => c.name));
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  for (const component of all) {
    const wiring = readSource(root, component, 'src/wiring.ts');
    const config = readSource(root, component, 'src/config.ts');
    for (const [, client = '', variable = ''] of wiring.matchAll(CLIENT)) {
      const target = variable.replace(/_URL$/, '').toLowerCase();
      if (!services.has(target)) continue;
      const file = `src/clients/${kebab(client).replace(/^-/, '')}-client.ts`;
      const operations = operationsCalled(readSource(root, component, file));
      edges.push({
        from: nodeId(component),
        to: nodeId({ name: target }),
        label: operations.length > 0 ? wrap(operations, 2) : variable,
        mode: 'sync',
      });
    }
    // Services verify tokens in their wiring; a function reads JWKS_URL in its config.
    const verifies =
      /jwks:\s*config\.JWKS_URL/.test(wiring) ||
      (component.kind === 'function' && /\bJWKS_URL\s*:/.test(config));
    if (verifies && jwksOwner && jwksOwner !== component.name)
      edges.push({ from: nodeId(component), to: nodeId({ name: jwksOwner }), label: 'JWKS', mode: 'auth' });
    for (const [, party = ''] of config.matchAll(OUTSIDE_API)) {
      nodes.push({ id: externalId(party), kind: 'external', label: titleCase(party) });
      edges.push({ from: nodeId(component), to: externalId(party), label: `${party}_API_URL`, mode: 'sync' });
    }
  }
  return { nodes, edges };
}
