// A trace's shape: its spans in order, by component, operation and kind, with the index of each
// span's parent. No ids and no timings, so two checkouts through the same code have the same shape
// and the committed file changes only when the code's path through the services does.

/** A span as a trace collector gives it (OTLP, ids in hex, times in nanoseconds since the epoch). */
export interface TraceSpan {
  readonly service: string;
  readonly name: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  /** OTLP span kind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly startTimeUnixNano?: string;
  readonly endTimeUnixNano?: string;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export interface ShapeSpan {
  readonly component: string;
  readonly operation: string;
  readonly kind: SpanKind;
  /** Index of the parent span in `spans`; null for the trace's root. */
  readonly parent: number | null;
}

export interface TraceShape {
  /** What the trace is of, and which test records it. */
  readonly description: string;
  readonly spans: readonly ShapeSpan[];
}

const KIND_NAMES: readonly SpanKind[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

interface Timed {
  readonly span: TraceSpan;
  readonly start: bigint;
  readonly end: bigint;
  readonly children: Timed[];
}

/**
 * The shape of one trace: depth first from its root, each span's children in start order. Where
 * that order is chance, children are sorted by component, operation and the shape of what they
 * called instead: children that overlap in time ran concurrently, and of two like calls (two
 * events published to one consumer) which one led where is up to the consumers' timing.
 */
export function traceShape(spans: readonly TraceSpan[], description: string): TraceShape {
  const nodes = new Map<string, Timed>();
  for (const span of spans) {
    if (span.startTimeUnixNano === undefined || span.endTimeUnixNano === undefined)
      throw new Error(`span ${span.service}:${span.name} has no start or end time`);
    nodes.set(span.spanId, {
      span,
      start: BigInt(span.startTimeUnixNano),
      end: BigInt(span.endTimeUnixNano),
      children: [],
    });
  }
  const roots: Timed[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parentSpanId === undefined ? undefined : nodes.get(node.span.parentSpanId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (roots.length !== 1)
    throw new Error(`a trace has one root, this one ${roots.length}: ${roots.map(label).join(', ')}`);
  const out: ShapeSpan[] = [];
  const visit = (node: Timed, parent: number | null) => {
    const index = out.length;
    out.push({
      component: node.span.service,
      operation: node.span.name,
      kind: KIND_NAMES[node.span.kind] ?? 'unspecified',
      parent,
    });
    for (const child of ordered(node.children)) visit(child, index);
  };
  visit(roots[0]!, null);
  return { description, spans: out };
}

/** Start order, with each run of overlapping siblings sorted by what they are rather than by chance. */
function ordered(children: readonly Timed[]): Timed[] {
  const byStart = [...children].sort((a, b) => compareBig(a.start, b.start) || bySignature(a, b));
  const result: Timed[] = [];
  let group: Timed[] = [];
  let groupEnd = -1n;
  for (const child of byStart) {
    if (group.length > 0 && child.start >= groupEnd) {
      result.push(...group.sort(bySignature));
      group = [];
    }
    group.push(child);
    groupEnd = group.length === 1 ? child.end : maxBig(groupEnd, child.end);
  }
  result.push(...group.sort(bySignature));
  return sortRepeats(result);
}

/**
 * Each run of like siblings (the same call to the same operations, with only calls that lead
 * nowhere between them: a write may land between two publishes) sorted by what they led to.
 */
function sortRepeats(children: readonly Timed[]): Timed[] {
  const out = [...children];
  let run: number[] = [];
  const flush = () => {
    const sorted = run.map((i) => out[i]!).sort(bySignature);
    run.forEach((position, k) => (out[position] = sorted[k]!));
    run = [];
  };
  out.forEach((child, i) => {
    if (child.children.length === 0 && run.length > 0 && like(child) !== like(out[run[0]!]!)) return;
    if (run.length > 0 && like(child) !== like(out[run[0]!]!)) flush();
    run.push(i);
  });
  flush();
  return out;
}

/** What a span and everything under it did, as text: equal for two identical concurrent calls. */
function signature(node: Timed): string {
  const below = node.children.map(signature).sort();
  return below.length === 0 ? own(node) : `${own(node)}(${below.join(',')})`;
}

/** Two calls are alike when they are the same call to the same operations (two `POST`s to two operations are not). */
const like = (node: Timed) => `${own(node)}(${node.children.map(own).sort().join(',')})`;
const own = (node: Timed) => `${node.span.service}\u0000${node.span.name}\u0000${node.span.kind}`;

// Code-unit order, not the locale's, so every machine sorts alike.
const bySignature = (a: Timed, b: Timed) => compare(signature(a), signature(b));
const compare = <T extends string | bigint>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
const compareBig = compare<bigint>;
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);
const label = (node: Timed) => `${node.span.service}:${node.span.name}`;
