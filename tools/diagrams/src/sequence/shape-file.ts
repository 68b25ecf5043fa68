// A trace shape as the committed file (tools/diagrams/traces/*.json) holds it, and what of it a
// new recording must match.
import type { TraceShape } from './trace-shape.js';

/** The shape as committed: one span per line, so a changed path reads as a changed line in a diff. */
export function formatShape(shape: TraceShape): string {
  const lines = shape.spans.map(
    (s) =>
      `    { "component": ${JSON.stringify(s.component)}, "operation": ${JSON.stringify(s.operation)}, ` +
      `"kind": ${JSON.stringify(s.kind)}, "parent": ${JSON.stringify(s.parent)} }`,
  );
  return `{\n  "description": ${JSON.stringify(shape.description)},\n  "spans": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Reads a committed shape, checking it has the fields the diagram draws from. */
export function parseShape(text: string): TraceShape {
  const shape = JSON.parse(text) as TraceShape;
  if (typeof shape.description !== 'string' || !Array.isArray(shape.spans))
    throw new Error('a trace shape has a description and spans');
  shape.spans.forEach((span, i) => {
    if (span.parent !== null && !(span.parent >= 0 && span.parent < i))
      throw new Error(`span ${i} (${span.component}:${span.operation}) names no earlier span as parent`);
  });
  return shape;
}

/**
 * What two recordings of the same path share: the hops (spans that lead to further spans) in order,
 * and per hop the multiset of its leaf calls (store reads and writes). Where a leaf call falls
 * between two hops is timing: a write of the request may start while a publish is in flight.
 */
export function comparableShape(shape: TraceShape): { hops: string[]; leafCalls: string[] } {
  const parents = new Set(shape.spans.map((s) => s.parent));
  const hopIndex = new Map<number, number>();
  const hops: string[] = [];
  const leafCalls: string[] = [];
  shape.spans.forEach((span, i) => {
    const under = span.parent === null ? '-' : String(hopIndex.get(span.parent));
    const text = `${span.component} ${span.kind} ${span.operation} (under ${under})`;
    if (span.parent === null || parents.has(i)) {
      hopIndex.set(i, hops.length);
      hops.push(`${hops.length}: ${text}`);
    } else leafCalls.push(text);
  });
  return { hops, leafCalls: leafCalls.sort() };
}
