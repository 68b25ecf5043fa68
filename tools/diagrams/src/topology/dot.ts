// The topology as DOT in the house look: one cluster per stack, services inside their ECS
// cluster, edge styles by meaning, and a legend of the colours and line styles used.
import { graphHeader, id, KINDS, legend, nodeAttributes, quote, type KindName } from '../style.js';
import type { Meaning, Topology, TopologyNode } from './model.js';

export const EDGE_STYLES: Record<Meaning, { label: string; style: string }> = {
  calls: { label: 'calls', style: 'color="#283593" penwidth=1.6' },
  data: { label: 'may use (IAM)', style: 'color="#2E7D32"' },
  events: { label: 'events', style: 'style=dashed color="#AD1457"' },
  told: { label: 'env var only', style: 'style=dotted color="#757575"' },
};

/** DOT for a topology: a cluster per stack, named by its CloudFormation stack name. */
export function topologyDot(topology: Topology, title: string): string {
  const lines = [`digraph topology {`, graphHeader(title, 'TB')];
  // Without newrank each stack is ranked by its own edges, so Data sits below Services, not beside.
  lines.push('  compound=true; newrank=false; nodesep=0.8; ranksep=1.0;');
  const stacks = [...new Set(topology.nodes.map((n) => n.stack))].sort();
  for (const stack of stacks) {
    lines.push(`  subgraph ${clusterId(stack)} {`);
    lines.push(
      `    label=${quote(`${topology.stackNames[stack] ?? stack} stack`)}; style="rounded"; color="#B0BEC5"; fontsize=14;`,
    );
    const members = topology.nodes.filter((n) => n.stack === stack);
    const groups = new Map<string, TopologyNode[]>();
    for (const node of members) {
      if (!node.group) lines.push(`    ${nodeLine(node)}`);
      else groups.set(node.group.id, [...(groups.get(node.group.id) ?? []), node]);
    }
    for (const [groupId, nodes] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`    subgraph ${quote(`cluster_${groupId}`)} {`);
      lines.push(
        `      label=${quote(nodes[0]?.group?.label ?? groupId)}; style="rounded,dashed"; color="#1565C0";`,
      );
      for (const node of nodes) lines.push(`      ${nodeLine(node)}`);
      // Peers (the services of one ECS cluster) side by side, whatever they read from.
      lines.push(`      { rank=same; ${nodes.map((n) => id(n.id)).join('; ')}; }`, '    }');
    }
    lines.push('  }');
  }
  for (const edge of topology.edges) {
    const head = edge.toStack ? ` lhead=${clusterId(edge.toStack)}` : '';
    // Variable names go to the tooltip; the label only says that the environment names the resource.
    const told = edge.variables?.length ? ` tooltip=${quote(`env: ${edge.variables.join(', ')}`)}` : '';
    const label = edge.variables?.length ? `${edge.label} · env` : edge.label;
    const style = `label=${quote(label)} ${EDGE_STYLES[edge.meaning].style}${head}${told}`;
    if (edge.upstream) lines.push(`  ${id(edge.to)} -> ${id(edge.from)} [${style} dir=back];`);
    else lines.push(`  ${id(edge.from)} -> ${id(edge.to)} [${style}];`);
  }
  const used = new Set(topology.nodes.map((n) => n.kind));
  const kinds = (Object.keys(KINDS) as KindName[]).filter((k) => used.has(k));
  const meanings = new Set(topology.edges.map((e) => e.meaning));
  const edges = (Object.keys(EDGE_STYLES) as Meaning[])
    .filter((m) => meanings.has(m))
    .map((m) => EDGE_STYLES[m]);
  // The legend also says what "· env" on an edge means.
  const note = `    legend_env [shape=plaintext style=solid label=${quote(ENV_NOTE)}];\n  }`;
  lines.push(legend(kinds, edges).replace(/\n {2}\}$/, `\n${note}`), '}');
  return `${lines.join('\n')}\n`;
}

const ENV_NOTE = '"· env": named in the task\'s or function\'s\nenvironment (hover for the variable)';

function nodeLine(node: TopologyNode): string {
  return `${id(node.id)} ${nodeAttributes(node.kind, node.label)};`;
}

function clusterId(stack: string): string {
  return quote(`cluster_${stack}`);
}
