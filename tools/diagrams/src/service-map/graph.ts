// The service map as plain data, nodes and edges, before it becomes DOT: easy to test and to sort.
import type { KindName } from '../style.js';

export interface MapNode {
  readonly id: string;
  readonly kind: KindName;
  readonly label: string;
}

export interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Synchronous HTTP call (solid) or asynchronous message (dashed). */
  readonly mode: 'sync' | 'async' | 'auth';
}

export interface ServiceMap {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

/** Nodes deduplicated by id (the first wins) and both lists sorted, so output is stable. */
export function normalise(map: ServiceMap): ServiceMap {
  const nodes = new Map<string, MapNode>();
  for (const node of map.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  for (const edge of map.edges)
    for (const end of [edge.from, edge.to])
      if (!nodes.has(end)) throw new Error(`edge ${edge.from} -> ${edge.to} names no node ${end}`);
  const edges = [...map.edges].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.label.localeCompare(b.label),
  );
  return { nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)), edges };
}

/** Items joined a few per line, so a long edge label stays narrow. */
export function wrap(items: readonly string[], perLine = 3, separator = ', '): string {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(separator));
  return lines.join(`${separator.trim()}\n`);
}
