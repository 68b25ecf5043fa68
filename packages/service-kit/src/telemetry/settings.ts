/** How spans leave the process: not at all, over OTLP with W3C ids, or over OTLP with X-Ray ids. */
export type TracingMode = 'off' | 'otlp' | 'xray';

/**
 * Tracing is on when an OTLP endpoint is configured (`TRACING=jaeger npm start` sets one; the
 * ADOT collector sidecar is one in AWS) and not disabled with OTEL_SDK_DISABLED=true.
 * TRACING=xray (set in AWS) makes ids and propagation X-Ray's, so API Gateway and Lambda
 * segments join the same trace.
 */
export function tracingMode(env: NodeJS.ProcessEnv = process.env): TracingMode {
  if (env.OTEL_SDK_DISABLED === 'true' || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return 'off';
  return env.TRACING === 'xray' ? 'xray' : 'otlp';
}
