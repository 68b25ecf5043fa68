import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { describe, expect, it } from 'vitest';
import { requestIdOf, traceIdOf } from '../src/request-context.js';

// What every API Gateway integration sends a service (infra/lib/constructs/api/edge-hardening.ts).
const XRAY_ROOT = '1-6751f2a0-5759e988bd862e3fe1be46a9';
const fromApiGateway = {
  'x-amzn-trace-id': `Root=${XRAY_ROOT};Parent=53995c3f42cd8ad8;Sampled=1`,
  traceparent: '-',
  tracestate: '-',
};
const getter = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};
// As `startTracing` composes them in AWS (mode xray): a valid traceparent would win over X-Ray's.
const inAws = new CompositePropagator({
  propagators: [new AWSXRayPropagator(), new W3CTraceContextPropagator()],
});

describe('the headers API Gateway owns, as a service in AWS reads them', () => {
  it('When the edge has overwritten the client’s trace headers, then the service continues API Gateway’s X-Ray trace', () => {
    const context = inAws.extract(ROOT_CONTEXT, fromApiGateway, getter);

    expect(trace.getSpanContext(context)?.traceId).toBe(XRAY_ROOT.slice(2).replace('-', ''));
    expect(traceIdOf(fromApiGateway['x-amzn-trace-id'], fromApiGateway.traceparent)).toBe(XRAY_ROOT);
  });

  it('When the request id is API Gateway’s extended request id (base64), then the service goes by it', () => {
    for (const id of ['K8bW3F+poAMEG/A=', 'DkPPeGwZPHcFm2w='] as const) expect(requestIdOf(id)).toBe(id);
  });
});
