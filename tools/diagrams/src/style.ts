// The house look of every diagram: one font, one colour per kind of thing, and a legend built from
// the kinds a diagram uses, so a colour means the same on every page.

/** A kind of box and the colours that mean it. */
export interface Kind {
  readonly label: string;
  readonly fill: string;
  readonly border: string;
  readonly shape: string;
}

export const KINDS = {
  edge: { label: 'Edge (API Gateway, WAF, CDN)', fill: '#E8EAF6', border: '#3949AB', shape: 'box' },
  balancer: { label: 'Load balancer', fill: '#EDE7F6', border: '#5E35B1', shape: 'box' },
  service: { label: 'ECS service', fill: '#E3F2FD', border: '#1565C0', shape: 'box' },
  function: { label: 'Lambda function', fill: '#FFF3E0', border: '#EF6C00', shape: 'box' },
  table: { label: 'DynamoDB table', fill: '#E8F5E9', border: '#2E7D32', shape: 'cylinder' },
  stream: { label: 'Kinesis stream', fill: '#F3E5F5', border: '#8E24AA', shape: 'cds' },
  topic: { label: 'SNS topic', fill: '#FCE4EC', border: '#C2185B', shape: 'hexagon' },
  queue: { label: 'SQS queue', fill: '#FFFDE7', border: '#F9A825', shape: 'box3d' },
  deadLetter: { label: 'Dead-letter queue', fill: '#FFEBEE', border: '#C62828', shape: 'box3d' },
  bucket: { label: 'S3 bucket', fill: '#EFEBE9', border: '#6D4C41', shape: 'folder' },
  external: { label: 'Outside ShopEasy', fill: '#FAFAFA', border: '#757575', shape: 'box' },
  step: { label: 'Step', fill: '#E3F2FD', border: '#1565C0', shape: 'box' },
  approval: { label: 'Manual approval', fill: '#FFF8E1', border: '#FF8F00', shape: 'octagon' },
  rollback: { label: 'Rollback', fill: '#FFEBEE', border: '#C62828', shape: 'box' },
} satisfies Record<string, Kind>;

export type KindName = keyof typeof KINDS;

export const FONT = 'Helvetica';

/** The opening lines every graph shares: font, spacing that keeps labels apart, straight-ish edges. */
export function graphHeader(title: string, rankdir: 'LR' | 'TB' = 'LR'): string {
  return [
    `  label=${quote(title)}; labelloc=t; fontsize=20; fontname=${quote(FONT)};`,
    `  rankdir=${rankdir}; newrank=true; nodesep=0.5; ranksep=0.9; splines=spline; pad=0.3;`,
    `  node [fontname=${quote(FONT)} fontsize=12 style="filled,rounded" penwidth=1.4 margin="0.15,0.08"];`,
    `  edge [fontname=${quote(FONT)} fontsize=10 color="#546E7A" fontcolor="#37474F" arrowsize=0.7];`,
  ].join('\n');
}

/** A node's attributes for its kind (shape and colours), with its label. */
export function nodeAttributes(kind: KindName, label: string): string {
  const k: Kind = KINDS[kind];
  const style = k.shape === 'box' ? 'filled,rounded' : 'filled';
  return `[label=${quote(label)} shape=${k.shape} style=${quote(style)} fillcolor=${quote(k.fill)} color=${quote(k.border)}]`;
}

/**
 * A legend cluster with one sample box per kind used, in the order given. With `across`, the boxes
 * go in lines of that many (joined by invisible edges): in a left-to-right graph, whose unlinked
 * nodes would otherwise stack in one tall column.
 */
export function legend(
  kinds: readonly KindName[],
  edges: readonly { label: string; style: string }[] = [],
  across?: number,
): string {
  const lines = [
    '  subgraph cluster_legend {',
    '    label="Legend"; fontsize=12; style="rounded,dashed"; color="#9E9E9E";',
  ];
  kinds.forEach((kind, i) => lines.push(`    legend_${i} ${nodeAttributes(kind, KINDS[kind].label)};`));
  if (across)
    kinds.forEach((_, i) => {
      if (i % across !== 0) lines.push(`    legend_${i - 1} -> legend_${i} [style=invis];`);
    });
  edges.forEach((edge, i) => {
    lines.push(
      `    legend_edge_${i}_a [label="" shape=point width=0.05]; legend_edge_${i}_b [label="" shape=point width=0.05];`,
    );
    lines.push(`    legend_edge_${i}_a -> legend_edge_${i}_b [label=${quote(edge.label)} ${edge.style}];`);
  });
  lines.push('  }');
  return lines.join('\n');
}

/** A DOT string literal: quotes and backslashes escaped, newlines kept as DOT's centred line breaks. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A DOT identifier made from any text: stable, unique for distinct text. */
export function id(text: string): string {
  return quote(text);
}
