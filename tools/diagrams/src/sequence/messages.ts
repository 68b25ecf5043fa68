// A trace shape read as a sequence: the lifelines (the caller and every component, in order of
// appearance) and one message per call between them, or a note for calls that stay on a lifeline.
import type { ShapeSpan, TraceShape } from './trace-shape.js';

/** Who starts the trace: the client of the root server span (the shopper's app). */
export const CLIENT = 'client';

export type Message =
  | { readonly type: 'call' | 'async'; readonly from: string; readonly to: string; readonly label: string }
  | { readonly type: 'note'; readonly on: string; readonly system: string; readonly label: string };

export interface Sequence {
  readonly lifelines: readonly string[];
  readonly messages: readonly Message[];
}

/** `DynamoDB.GetItem` as DynamoDB and GetItem: the AWS SDK's span names. */
const AWS_CALL = /^(\w+)\.(\w+)$/;

/**
 * One row per hop in the shape's order: a server span is a call from its caller's component, a
 * consumer span a message through a topic, queue or stream; client spans that lead nowhere further
 * are calls to AWS (or beyond), shown on the caller's lifeline, a run of them to one system as one.
 */
export function sequenceOf(shape: TraceShape): Sequence {
  const spans = shape.spans;
  const lifelines: string[] = [];
  const messages: Message[] = [];
  const parents = new Set(spans.map((s) => s.parent));
  const see = (component: string) => {
    if (!lifelines.includes(component)) lifelines.push(component);
  };
  // The component that sent span i's request: past the caller's own client or producer span.
  const origin = (span: ShapeSpan): ShapeSpan | undefined =>
    span.parent === null ? undefined : spans[span.parent];
  spans.forEach((span, i) => {
    const parent = origin(span);
    if (span.kind === 'server' || span.kind === 'consumer') {
      const from = parent?.component ?? CLIENT;
      if (from !== span.component || !parent) {
        see(from);
        see(span.component);
        const via = parent?.kind === 'producer' ? ` (${parent.operation.replace(/ send$/, '')})` : '';
        const type = span.kind === 'consumer' ? 'async' : 'call';
        messages.push({ type, from, to: span.component, label: `${span.operation}${via}` });
        return;
      }
    }
    // A client or producer span that led to a span elsewhere is drawn as that span's message.
    if (parents.has(i) && (span.kind === 'client' || span.kind === 'producer')) return;
    see(span.component);
    const aws = AWS_CALL.exec(span.operation);
    const system = aws ? aws[1]! : span.kind === 'client' ? 'outside ShopEasy' : '';
    const operation = aws ? aws[2]! : span.operation;
    const last = messages.at(-1);
    if (last?.type === 'note' && last.on === span.component && last.system === system && system) {
      messages[messages.length - 1] = { ...last, label: `${last.label}, ${operation}` };
    } else messages.push({ type: 'note', on: span.component, system, label: operation });
  });
  return { lifelines, messages: messages.map(countRepeats) };
}

/** `UpdateItem, UpdateItem, PutItem` as `UpdateItem ×2, PutItem`: the order kept, repeats counted. */
function countRepeats(message: Message): Message {
  if (message.type !== 'note') return message;
  const runs: { name: string; count: number }[] = [];
  for (const name of message.label.split(', ')) {
    const last = runs.at(-1);
    if (last?.name === name) last.count++;
    else runs.push({ name, count: 1 });
  }
  return { ...message, label: runs.map((r) => (r.count > 1 ? `${r.name} ×${r.count}` : r.name)).join(', ') };
}
