// The whole topology of the prod assembly: nodes, then every kind of edge, summarized.
import { accessEdges } from './access.js';
import { apiEdges } from './api.js';
import { loadProdStacks } from './assembly.js';
import { TopologyContext } from './context.js';
import type { Topology, TopologyEdge } from './model.js';
import { topologyNodes } from './nodes.js';
import { Resolver } from './resolve.js';
import { wiringEdges } from './wiring.js';

/** Reads the prod templates of an assembly and draws nothing yet: the data behind the picture. */
export function buildTopology(assembly: string): Topology {
  const stacks = loadProdStacks(assembly);
  const resolver = new Resolver(stacks);
  const nodes = topologyNodes(stacks, resolver);
  const context = new TopologyContext(stacks, resolver, nodes);
  const wiring = wiringEdges(context);
  const declared = [...apiEdges(context), ...wiring.edges];
  // A declared edge (an event source, a failure destination) already says what the role allows.
  // It keeps the environment variables that name its other end.
  const access: TopologyEdge[] = [];
  for (const edge of accessEdges(context)) {
    const index = declared.findIndex(
      (d) => (d.from === edge.from && d.to === edge.to) || (d.from === edge.to && d.to === edge.from),
    );
    const found = declared[index];
    if (!found) access.push(edge);
    else if (edge.variables?.length) declared[index] = { ...found, variables: edge.variables };
  }
  return {
    nodes: [...nodes, ...wiring.outside].sort((a, b) => a.id.localeCompare(b.id)),
    edges: summarize([...declared, ...access]),
    stackNames: Object.fromEntries(stacks.map((s) => [s.name, s.stackName])),
    unresolved: [...resolver.unresolved].sort(),
  };
}

// One edge per pair and meaning; a wildcard grant is one edge to its stack, not one per resource.
function summarize(edges: readonly TopologyEdge[]): TopologyEdge[] {
  const kept = new Map<string, TopologyEdge>();
  for (const edge of edges) {
    const id = edge.toStack
      ? `${edge.from}>stack:${edge.toStack}>${edge.label}`
      : `${edge.from}>${edge.to}>${edge.meaning}>${edge.label}`;
    if (!kept.has(id)) kept.set(id, edge);
  }
  return [...kept.values()].sort((a, b) =>
    `${a.from}>${a.to}>${a.label}`.localeCompare(`${b.from}>${b.to}>${b.label}`),
  );
}
