// Types for trace-model.js (plain JavaScript, served as is to the browser without a build step).

/** A tag, process tag or log field in Jaeger's JSON. */
export interface JaegerKeyValue {
  key: string;
  type?: string;
  value: unknown;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID?: string; spanID: string }[];
  /** Microseconds since the epoch. */
  startTime: number;
  /** Microseconds. */
  duration: number;
  processID: string;
  tags?: JaegerKeyValue[];
  logs?: { timestamp: number; fields: JaegerKeyValue[] }[];
}

/** One element of `data` in GET /api/traces and GET /api/traces/{id}. */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags?: JaegerKeyValue[] }>;
}

export interface SpanRow {
  spanId: string;
  parentId: string | undefined;
  depth: number;
  service: string;
  operation: string;
  startTime: number;
  duration: number;
  /** Where the bar starts, in percent of the trace's duration. */
  offsetPct: number;
  widthPct: number;
  error: boolean;
  tags: JaegerKeyValue[];
  logs: { timestamp: number; fields: JaegerKeyValue[] }[];
  processTags: JaegerKeyValue[];
  childCount: number;
}

export interface TraceModel {
  traceId: string;
  startTime: number;
  duration: number;
  rootService: string;
  rootOperation: string;
  services: string[];
  spanCount: number;
  errorCount: number;
  /** Depth-first, children by start time. */
  rows: SpanRow[];
}

export function normalizeTraceId(input: unknown): string | undefined;
export function traceIdFromLocation(location: {
  pathname?: string;
  search?: string;
  hash?: string;
}): string | undefined;
export function isErrorSpan(span: Pick<JaegerSpan, 'tags'>): boolean;
export function formatMs(micros: number): string;
export function serviceColor(name: string): string;
export function buildTrace(trace: JaegerTrace): TraceModel;
export function summarizeTraces(traces: JaegerTrace[] | null | undefined): TraceModel[];
