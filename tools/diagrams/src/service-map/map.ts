// The whole service map from the repository: components, gateway routes, peer calls, async flows.
import { asyncFlows } from './async-flows.js';
import { authorizersOf, gatewayEdges, jwksOwner, readApiDocument, routesOf } from './gateway-routes.js';
import { normalise, type MapEdge, type MapNode, type ServiceMap } from './graph.js';
import { components, type Component } from './sources.js';
import { nodeId, syncCalls } from './sync-calls.js';

const componentNode = (c: Component): MapNode => ({
  id: nodeId(c),
  kind: c.kind === 'gateway' ? 'edge' : c.kind,
  label: c.kind === 'gateway' ? 'API Gateway (cloud)\ngateway (local)' : c.name,
});

/** Reads every source the map is drawn from under the repository root. */
export function buildServiceMap(root: string): ServiceMap {
  const all = components(root);
  const document = readApiDocument(root);
  const routes = routesOf(document);
  const gateway = gatewayEdges(routes);
  const sync = syncCalls(root, all, jwksOwner(routes));
  const flows = asyncFlows(root, all);
  const secured = routes.filter((r) => r.secured).length;
  const authorizers: MapEdge[] = authorizersOf(document)
    .filter((name) => all.some((c) => c.name === name))
    .map((name) => ({
      from: nodeId({ name: 'gateway' }),
      to: nodeId({ name }),
      label: `authorizes ${secured} operations`,
      mode: 'auth',
    }));
  return normalise({
    nodes: [...all.map(componentNode), ...gateway.nodes, ...sync.nodes, ...flows.nodes],
    edges: [...gateway.edges, ...sync.edges, ...flows.edges, ...authorizers],
  });
}
