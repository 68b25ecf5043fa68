// One checkout as a sequence diagram, drawn from the trace shape that the end-to-end observability
// test records (tools/diagrams/traces/checkout.json): a changed path through the services fails
// that test until the shape is recorded again, and this picture follows it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagram } from '../diagram.js';
import { sequenceOf } from '../sequence/messages.js';
import { legendBelow, sequenceLines, systemKind } from '../sequence/sequence-dot.js';
import { parseShape } from '../sequence/shape-file.js';
import type { TraceShape } from '../sequence/trace-shape.js';
import { graphHeader, legend, type KindName } from '../style.js';

export const TRACE_FILE = 'tools/diagrams/traces/checkout.json';

export const diagram: Diagram = {
  name: 'checkout-sequence',
  title: 'One ShopEasy checkout as a sequence diagram, from a recorded trace',
  dot: ({ root }) =>
    checkoutSequenceDot(parseShape(readFileSync(join(root, TRACE_FILE), 'utf8')), functionNames(root)),
};

/** The components that run as Lambda functions: the folders under functions/. */
function functionNames(root: string): Set<string> {
  const directory = join(root, 'functions');
  return new Set(
    readdirSync(directory, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name),
  );
}

const EDGES = [
  { label: 'call, answered', style: '' },
  { label: 'event, handled later', style: 'style=dashed arrowhead=vee' },
];

/** The DOT of a sequence diagram of the shape; `functions` are the lifelines drawn as Lambdas. */
export function checkoutSequenceDot(shape: TraceShape, functions: ReadonlySet<string>): string {
  const sequence = sequenceOf(shape);
  const kinds: KindName[] = ['external', 'edge', 'service'];
  if (sequence.lifelines.some((l) => functions.has(l))) kinds.push('function');
  for (const m of sequence.messages)
    if (m.type === 'note' && !kinds.includes(systemKind(m.system))) kinds.push(systemKind(m.system));
  return [
    'digraph checkout_sequence {',
    graphHeader('One checkout, as its trace recorded it (POST /v1/orders)', 'TB'),
    `  ranksep=0.25; nodesep=0.6; splines=line; outputorder=edgesfirst;`,
    ...sequenceLines(sequence, functions),
    legend(kinds, EDGES),
    ...legendBelow(sequence, kinds.length, EDGES.length),
    '}',
  ].join('\n');
}
