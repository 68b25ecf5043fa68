import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { traceIdOf } from '../src/request-context.js';
import { EdgePropagator } from '../src/telemetry/tracing.js';

const getter = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};
const setter = {
  set: (carrier: Record<string, string>, key: string, value: string) => (carrier[key] = value),
};

describe('trace headers at the edge', () => {
  it('When a client sends a traceparent, sampled or not, then the edge continues none of it', () => {
    const edge = new EdgePropagator(new W3CTraceContextPropagator());
    for (const flags of ['00', '01']) {
      const context = edge.extract(
        ROOT_CONTEXT,
        { traceparent: `00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-${flags}` },
        getter,
      );
      expect(trace.getSpanContext(context)).toBeUndefined();
    }
  });

  it('When the edge calls a service, then the trace it started goes along', () => {
    const edge = new EdgePropagator(new W3CTraceContextPropagator());
    const started = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const carrier: Record<string, string> = {};
    edge.inject(started, carrier, setter);
    expect(carrier.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it.each([
    [
      'a traceparent',
      undefined,
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      '0af7651916cd43dd8448eb211c80319c',
    ],
    [
      'an X-Ray root',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      undefined,
      '1-5759e988-bd862e3fe1be46a994272793',
    ],
    ['a traceparent with text in it', undefined, '00-"} forged log line {"-b7ad6b7169203331-01', undefined],
    ['an X-Ray root with text in it', 'Root=1-5759e988-forged log line', undefined, undefined],
    ['a traceparent of the wrong length', undefined, '00-0af7651916cd43dd-b7ad6b7169203331-01', undefined],
  ])(
    'When a request carries %s, then the log line carries only a well-formed trace id',
    (_case, amzn, traceparent, expected) => {
      expect(traceIdOf(amzn, traceparent)).toBe(expected);
    },
  );
});
