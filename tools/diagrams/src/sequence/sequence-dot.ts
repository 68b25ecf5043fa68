// A sequence diagram in Graphviz, which has no sequence layout: a grid of one column per lifeline
// and one row per message. Each row's points share a rank; heavy dashed edges join a column's
// points into its lifeline; a message is an edge between two points of its row.
import { id, nodeAttributes, quote, type KindName } from '../style.js';
import { CLIENT, type Sequence } from './messages.js';

/** The colour of a lifeline's head, by what the component is. */
function lifelineKind(name: string, functions: ReadonlySet<string>): KindName {
  if (name === CLIENT) return 'external';
  if (name === 'gateway') return 'edge';
  return functions.has(name) ? 'function' : 'service';
}

/** The colour of a note, by the AWS service it calls. */
export function systemKind(system: string): KindName {
  const kinds: Record<string, KindName> = {
    DynamoDB: 'table',
    Kinesis: 'stream',
    SNS: 'topic',
    SQS: 'queue',
    S3: 'bucket',
  };
  return kinds[system] ?? 'external';
}

const LIFELINE = 'style=dashed color="#90A4AE" arrowhead=none weight=1000';

/** Invisible edges that put every legend entry under the last row rather than beside the heads. */
export function legendBelow(sequence: Sequence, entries: number, edges: number): string[] {
  const last = id(`r${sequence.messages.length - 1}_c0`);
  const targets = [
    ...Array.from({ length: entries }, (_v, i) => `legend_${i}`),
    ...Array.from({ length: edges }, (_v, i) => `legend_edge_${i}_a`),
  ];
  return targets.map((target) => `  ${last} -> ${target} [style=invis];`);
}

/**
 * The DOT body lines of a sequence: heads, rows and lifelines. `functions` names the lifelines
 * that are Lambda functions rather than ECS services.
 */
export function sequenceLines(sequence: Sequence, functions: ReadonlySet<string>): string[] {
  if (sequence.messages.length === 0) throw new Error('a sequence diagram needs at least one message');
  const { lifelines, messages } = sequence;
  const point = (row: number, column: number) => `r${row}_c${column}`;
  const lines: string[] = [];
  const heads = lifelines.map((name, c) => {
    const label = name === CLIENT ? 'Shopper (client)' : name;
    lines.push(`  ${id(`head_${c}`)} ${nodeAttributes(lifelineKind(name, functions), label)};`);
    return id(`head_${c}`);
  });
  lines.push(`  { rank=same; ${heads.join('; ')}; }`);
  // Invisible edges between neighbours keep the columns in order in every row.
  lines.push(`  ${heads.join(' -> ')} [style=invis];`);
  messages.forEach((message, r) => {
    const row: string[] = [];
    lifelines.forEach((name, c) => {
      const node = id(point(r, c));
      if (message.type === 'note' && message.on === name) {
        const text = message.system ? `${message.system}: ${message.label}` : message.label;
        lines.push(
          `  ${node} ${nodeAttributes(systemKind(message.system), `${r + 1}. ${text}`)} [fontsize=10];`,
        );
      } else lines.push(`  ${node} [label="" shape=point width=0.04 color="#90A4AE"];`);
      row.push(node);
    });
    lines.push(`  { rank=same; ${row.join('; ')}; }`);
    lines.push(`  ${row.join(' -> ')} [style=invis];`);
    if (message.type !== 'note') {
      const from = lifelines.indexOf(message.from);
      const to = lifelines.indexOf(message.to);
      const style = message.type === 'async' ? 'style=dashed arrowhead=vee' : 'arrowhead=normal';
      lines.push(
        // xlabel, not label: a label would bend the arrow around a space made for it.
        `  ${id(point(r, from))} -> ${id(point(r, to))} [xlabel=${quote(`${r + 1}. ${message.label}`)} ${style} color="#37474F" constraint=false];`,
      );
    }
  });
  lifelines.forEach((_name, c) => {
    const column = [`head_${c}`, ...messages.map((_m, r) => point(r, c))].map(id);
    lines.push(`  ${column.join(' -> ')} [${LIFELINE}];`);
  });
  return lines;
}
