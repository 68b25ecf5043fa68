import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from '@opentelemetry/api';
import { CompositePropagator, suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';
import { tracingMode, type TracingMode } from './settings.js';
import { onTelemetryShutdown, setTracingSuppressor, telemetryStarted } from './trace-context.js';

export interface TracingOptions {
  mode: Exclude<TracingMode, 'off'>;
  /** Hook http, undici (fetch), Express and the AWS SDK; a bundled Lambda has nothing to hook. */
  instrument: boolean;
  /** Default: OTEL_SERVICE_NAME. */
  serviceName?: string;
  /**
   * The process is the edge (the local gateway): every request starts a trace of its own, and
   * trace headers a client sent are never continued. Sampling is the shop's decision, and a
   * client's `-00` or `-01` must neither hide its requests nor have all of them recorded.
   */
  edge?: boolean;
}

/** Puts the trace on outgoing calls and never takes one from an incoming request. */
export class EdgePropagator implements TextMapPropagator {
  constructor(private readonly inner: TextMapPropagator) {}
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    this.inner.inject(context, carrier, setter);
  }
  extract(context: Context, _carrier?: unknown, _getter?: TextMapGetter): Context {
    return context;
  }
  fields(): string[] {
    return this.inner.fields();
  }
}

/**
 * Starts the OpenTelemetry SDK: spans go over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (Jaeger
 * locally, the ADOT collector in AWS, which passes them to X-Ray). Health probes and the AWS SDK's
 * own HTTP requests make no spans. `shutdownTelemetry()` flushes what is left.
 */
export function startTracing(options: TracingOptions): NodeSDK {
  const xray = options.mode === 'xray';
  const w3c = new W3CTraceContextPropagator();
  const propagator = xray ? new CompositePropagator({ propagators: [new AWSXRayPropagator(), w3c] }) : w3c;
  const spans = new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 1000 });
  const sdk = new NodeSDK({
    serviceName: options.serviceName ?? process.env.OTEL_SERVICE_NAME,
    spanProcessors: [spans],
    textMapPropagator: options.edge ? new EdgePropagator(propagator) : propagator,
    ...(xray ? { idGenerator: new AWSXRayIdGenerator() } : {}),
    instrumentations: options.instrument
      ? [
          new HttpInstrumentation({
            ignoreIncomingRequestHook: (req: IncomingMessage) => req.url?.startsWith('/health/') ?? false,
            // The server span carries the contract's operationId (`createOrder`), which the app
            // found for the request and left in res.locals, as the metrics and dashboards do.
            applyCustomAttributesOnSpan: (span, _request, response) => {
              const operationId = (response as { locals?: { operationId?: string } }).locals?.operationId;
              if (!operationId) return;
              span.updateName(operationId);
              span.setAttribute('shopeasy.operation_id', operationId);
            },
          }),
          new UndiciInstrumentation(),
          // Only the route handler: a span per middleware would bury the calls that matter.
          new ExpressInstrumentation({
            ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
          }),
          new AwsInstrumentation({ suppressInternalInstrumentation: true }),
        ]
      : [],
    // Traces only: metrics leave as CloudWatch EMF lines, logs as JSON lines.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  setTracingSuppressor(suppressTracing);
  onTelemetryShutdown({ flush: () => spans.forceFlush(), shutdown: () => sdk.shutdown() });
  return sdk;
}

/**
 * A Lambda's tracing: started once per execution environment when an OTLP endpoint is set (the
 * ADOT collector layer in AWS), unless the process traces already (the local runner). Bundled code
 * has nothing to hook, so the handler makes its spans itself and calls `flushTelemetry()`.
 */
export function startFunctionTracing(serviceName: string): void {
  const mode = tracingMode();
  if (mode === 'off' || telemetryStarted()) return;
  startTracing({ mode, instrument: false, serviceName });
}
