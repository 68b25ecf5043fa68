import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
} from '@opentelemetry/api';

// Everything here is the OpenTelemetry API only: without a started SDK each call is a cheap no-op.

/** Trace headers of the current span (`traceparent`, and `X-Amzn-Trace-Id` in AWS), to put on a message. */
export function traceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a message's trace headers continue; the root when it carries none. */
export function contextFromCarrier(
  carrier: Readonly<Record<string, string | undefined>> | undefined,
): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/**
 * Runs `work` in a span named `name` (a consumer span unless told otherwise) that continues the
 * trace the message carries, so a checkout's event handling shows under the checkout.
 */
export async function inConsumerSpan<T>(
  name: string,
  carrier: Readonly<Record<string, string | undefined>> | undefined,
  work: () => Promise<T>,
  kind: SpanKind = SpanKind.CONSUMER,
): Promise<T> {
  const tracer = trace.getTracer('@shopeasy/service-kit');
  return tracer.startActiveSpan(name, { kind }, contextFromCarrier(carrier), async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * The trace headers an SQS message carries: in the SNS notification body (a subscription without
 * raw delivery), or as the message's own attributes.
 */
export function messageTraceCarrier(message: {
  Body?: string;
  MessageAttributes?: Record<string, { StringValue?: string }>;
}): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {}))
    if (value.StringValue !== undefined) carrier[name] = value.StringValue;
  try {
    const outer = JSON.parse(message.Body ?? '') as {
      MessageAttributes?: Record<string, { Value?: string }>;
    };
    for (const [name, value] of Object.entries(outer.MessageAttributes ?? {}))
      if (typeof value.Value === 'string') carrier[name] = value.Value;
  } catch {
    // Not JSON: a body the consumer will reject on its own terms.
  }
  return carrier;
}

// Set by startTracing (the SDK's suppressTracing); without a started SDK nothing is traced anyway.
let suppress: (active: Context) => Context = (active) => active;

export function setTracingSuppressor(suppressor: (active: Context) => Context): void {
  suppress = suppressor;
}

/** Runs `work` with tracing off: polling loops and timers would otherwise fill the viewer with empty traces. */
export function untraced<T>(work: () => T): T {
  return context.with(suppress(context.active()), work);
}

/** Trace and span ids of the current span for log lines; undefined when nothing is traced. */
export function currentSpanIds(): { traceId: string; spanId: string; sampled: boolean } | undefined {
  const span = trace.getSpan(context.active());
  const ids = span?.spanContext();
  if (!ids || !trace.isSpanContextValid(ids)) return undefined;
  return { traceId: ids.traceId, spanId: ids.spanId, sampled: (ids.traceFlags & TraceFlags.SAMPLED) !== 0 };
}

interface TelemetryHandle {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const handles: TelemetryHandle[] = [];

export function onTelemetryShutdown(handle: TelemetryHandle): void {
  handles.push(handle);
}

/** Whether this process exports spans already (started by `--import …/telemetry/register`). */
export function telemetryStarted(): boolean {
  return handles.length > 0;
}

/** Sends the spans still buffered without stopping (a Lambda invocation's end: the sandbox may freeze). */
export async function flushTelemetry(): Promise<void> {
  await Promise.allSettled(handles.map((h) => h.flush()));
}

/** Sends the spans still buffered and stops; every process calls it before it exits. */
export async function shutdownTelemetry(): Promise<void> {
  await Promise.allSettled(handles.splice(0).map((h) => h.shutdown()));
}
