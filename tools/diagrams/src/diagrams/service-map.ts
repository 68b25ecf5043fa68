// Service map: who calls whom synchronously (the gateway's routes, the peer clients each service
// wires, token keys) and who publishes and consumes each topic, queue and stream.
import type { Diagram } from '../diagram.js';
import type { MapEdge, MapNode, ServiceMap } from '../service-map/graph.js';
import { buildServiceMap } from '../service-map/map.js';
import { graphHeader, id, legend, nodeAttributes, quote, type KindName } from '../style.js';

const TITLE = 'ShopEasy service map: synchronous calls (solid) and asynchronous flows (dashed)';

export const EDGE_STYLES: Record<MapEdge['mode'], { label: string; style: string }> = {
  sync: {
    label: 'synchronous HTTP call (operations)',
    style: 'style=solid color="#1565C0" fontcolor="#0D47A1"',
  },
  async: {
    label: 'asynchronous message (event types)',
    style: 'style=dashed color="#8E24AA" fontcolor="#6A1B9A"',
  },
  auth: {
    label: 'token check (JWKS, authorizer)',
    style: 'style=solid color="#90A4AE" fontcolor="#607D8B" penwidth=0.8',
  },
};

// Boxes around what belongs together; functions stay free, as the authorizer sits by the gateway.
const CLUSTERS: { name: string; label: string; kinds: KindName[] }[] = [
  { name: 'services', label: 'ECS services', kinds: ['service'] },
  {
    name: 'messaging',
    label: 'Topic, queues and streams',
    kinds: ['topic', 'queue', 'deadLetter', 'stream', 'table'],
  },
];

/** Room around each line: a renderer whose font runs wider than Graphviz's Helvetica keeps it inside. */
export const padded = (label: string) =>
  label
    .split('\n')
    .map((line) => {
      const room = '\u00a0'.repeat(Math.ceil(line.length / 14));
      return `${room}${line}${room}`;
    })
    .join('\n');

const node = (n: MapNode) => `${id(n.id)} ${nodeAttributes(n.kind, padded(n.label))};`;

/** The DOT of a service map. */
export function serviceMapDot(map: ServiceMap): string {
  const lines = ['digraph service_map {', graphHeader(TITLE, 'LR'), '  ranksep=1.1; nodesep=0.3;'];
  const clustered = new Set(CLUSTERS.flatMap((c) => c.kinds));
  for (const n of map.nodes.filter((x) => !clustered.has(x.kind))) lines.push(`  ${node(n)}`);
  for (const cluster of CLUSTERS) {
    const members = map.nodes.filter((n) => cluster.kinds.includes(n.kind));
    if (members.length === 0) continue;
    lines.push(`  subgraph cluster_${cluster.name} {`);
    lines.push(`    label=${quote(cluster.label)}; style="rounded"; color="#B0BEC5"; fontsize=12;`);
    for (const n of members) lines.push(`    ${node(n)}`);
    lines.push('  }');
  }
  for (const e of map.edges) {
    // Token checks go to one service from everywhere: they should not pull the layout about.
    const extra = e.mode === 'auth' ? ' constraint=false' : '';
    lines.push(
      `  ${id(e.from)} -> ${id(e.to)} [label=${quote(e.label)} ${EDGE_STYLES[e.mode].style}${extra}];`,
    );
  }
  const kinds = [...new Set(map.nodes.map((n) => n.kind))];
  const order = [
    'edge',
    'service',
    'function',
    'topic',
    'queue',
    'deadLetter',
    'stream',
    'table',
    'external',
  ];
  kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const modes = [...new Set(map.edges.map((e) => e.mode))].sort();
  lines.push(
    legend(
      kinds,
      modes.map((m) => EDGE_STYLES[m]),
      4,
    ),
  );
  lines.push('}');
  return lines.join('\n');
}

export const diagram: Diagram = {
  name: 'service-map',
  title: TITLE,
  dot: ({ root }) => serviceMapDot(buildServiceMap(root)),
};
