import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { inConsumerSpan, messageTraceCarrier, traceCarrier } from '../src/telemetry/trace-context.js';
import { tracingMode } from '../src/telemetry/settings.js';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});
afterAll(() => {
  trace.disable();
  propagation.disable();
  context.disable();
});

describe('trace context across messages', () => {
  it('When a message carries the trace headers, then the consumer span continues that trace', async () => {
    const tracer = trace.getTracer('test');
    const carrier = await tracer.startActiveSpan('checkout', async (span) => {
      const headers = traceCarrier();
      span.end();
      return headers;
    });
    expect(carrier.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // SNS → SQS without raw delivery: the attributes are inside the notification body.
    const body = JSON.stringify({
      Type: 'Notification',
      Message: '{}',
      MessageAttributes: {
        type: { Type: 'String', Value: 'order.paid' },
        traceparent: { Type: 'String', Value: carrier.traceparent },
      },
    });
    const fromBody = messageTraceCarrier({ Body: body });
    expect(fromBody).toEqual({ type: 'order.paid', traceparent: carrier.traceparent });
    // Raw delivery or a direct SQS message: the message's own attributes.
    expect(
      messageTraceCarrier({ Body: 'not json', MessageAttributes: { traceparent: { StringValue: 'x' } } }),
    ).toEqual({
      traceparent: 'x',
    });

    await inConsumerSpan('process notification', fromBody, async () => {});
    const [checkout, consumer] = exporter.getFinishedSpans();
    expect(consumer!.name).toBe('process notification');
    expect(consumer!.spanContext().traceId).toBe(checkout!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(checkout!.spanContext().spanId);
  });

  it('When a span is active, then log lines carry its trace and span ids', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(line) });
    await trace.getTracer('test').startActiveSpan('work', async (span) => {
      logger.info('inside');
      span.end();
    });
    const line = JSON.parse(lines[0]!) as { traceId?: string; spanId?: string };
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line.spanId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('When no OTLP endpoint is set, then tracing is off; TRACING=xray picks X-Ray ids', () => {
    expect(tracingMode({})).toBe('off');
    expect(tracingMode({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe('otlp');
    expect(tracingMode({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', TRACING: 'xray' })).toBe(
      'xray',
    );
    expect(tracingMode({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' })).toBe('off');
  });
});
