// Pure functions over Jaeger's JSON (GET /api/traces): no DOM, so viewer.js and its tests share them.

const TRACE_ID = /^[0-9a-f]{1,32}$/i;
// A W3C traceparent header (00-<trace id>-<span id>-<flags>), as it appears in request logs.
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i;

/** A trace id typed or pasted by a person (or a traceparent), lower-cased; undefined when it is neither. */
export function normalizeTraceId(input) {
  const text = String(input ?? '').trim();
  const id = TRACEPARENT.exec(text)?.[1] ?? text;
  return TRACE_ID.test(id) ? id.toLowerCase() : undefined;
}

/** The trace a link names: `#<id>`, `?trace=<id>`, or `/trace/<id>` (the official Jaeger UI's form). */
export function traceIdFromLocation({ pathname = '', search = '', hash = '' }) {
  const candidates = [
    hash.replace(/^#/, ''),
    new URLSearchParams(search).get('trace'),
    /\/trace\/([^/]+)\/?$/.exec(pathname)?.[1],
  ];
  for (const candidate of candidates) {
    const id = candidate ? normalizeTraceId(decodeURIComponent(candidate)) : undefined;
    if (id) return id;
  }
  return undefined;
}

/** OpenTelemetry marks failed spans with status ERROR; Jaeger's translation also adds error=true. */
export function isErrorSpan(span) {
  return (span.tags ?? []).some(
    ({ key, value }) =>
      (key === 'error' && (value === true || value === 'true')) ||
      (key === 'otel.status_code' && value === 'ERROR'),
  );
}

/** Duration in milliseconds for a duration in microseconds, with precision where it matters. */
export function formatMs(micros) {
  const ms = micros / 1000;
  return `${ms.toFixed(ms >= 100 ? 0 : ms >= 10 ? 1 : 2)} ms`;
}

/** A stable colour per service name, so a service looks the same in the list and in every trace. */
export function serviceColor(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)) % 360_000;
  return `hsl(${hash % 360} 55% 42%)`;
}

/**
 * One trace ready to draw: summary fields and the spans depth-first (children by start time),
 * each with its depth and its bar's offset and width as percentages of the whole trace.
 */
export function buildTrace(trace) {
  const spans = trace.spans ?? [];
  const byId = new Map(spans.map((span) => [span.spanID, span]));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    const parent = parentId(span, byId);
    if (parent === undefined) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }

  const start = Math.min(...spans.map((s) => s.startTime));
  const end = Math.max(...spans.map((s) => s.startTime + s.duration));
  const total = spans.length > 0 ? end - start : 0;
  const percent = (micros) => (total > 0 ? (micros / total) * 100 : 0);
  const serviceOf = (span) => trace.processes?.[span.processID]?.serviceName ?? 'unknown';

  const rows = [];
  const seen = new Set();
  const visit = (span, depth, parent) => {
    if (seen.has(span.spanID)) return;
    seen.add(span.spanID);
    const kids = (children.get(span.spanID) ?? []).sort(byStart);
    rows.push({
      spanId: span.spanID,
      parentId: parent,
      depth,
      service: serviceOf(span),
      operation: span.operationName,
      startTime: span.startTime,
      duration: span.duration,
      offsetPct: percent(span.startTime - start),
      widthPct: total > 0 ? percent(span.duration) : 100,
      error: isErrorSpan(span),
      tags: span.tags ?? [],
      logs: span.logs ?? [],
      processTags: trace.processes?.[span.processID]?.tags ?? [],
      childCount: kids.length,
    });
    for (const kid of kids) visit(kid, depth + 1, span.spanID);
  };
  for (const root of roots.sort(byStart)) visit(root, 0, undefined);
  // Spans in a parent cycle (a broken trace) are still shown, as roots, rather than lost.
  for (const span of [...spans].sort(byStart)) visit(span, 0, undefined);

  const root = rows[0];
  return {
    traceId: trace.traceID,
    startTime: spans.length > 0 ? start : 0,
    duration: total,
    rootService: root?.service ?? 'unknown',
    rootOperation: root?.operation ?? '(no spans)',
    services: [...new Set(rows.map((r) => r.service))].sort(),
    spanCount: rows.length,
    errorCount: rows.filter((r) => r.error).length,
    rows,
  };
}

/** The traces of a search (GET /api/traces), built, newest first. */
export function summarizeTraces(traces) {
  return (traces ?? []).map(buildTrace).sort((a, b) => b.startTime - a.startTime);
}

function byStart(a, b) {
  return a.startTime - b.startTime;
}

// The parent is the CHILD_OF reference (else any reference) to a span of this trace; a parent that
// never arrived makes the span a root, as in Jaeger's own UI.
function parentId(span, byId) {
  const refs = (span.references ?? []).filter((ref) => byId.has(ref.spanID) && ref.spanID !== span.spanID);
  return (refs.find((ref) => ref.refType === 'CHILD_OF') ?? refs[0])?.spanID;
}
