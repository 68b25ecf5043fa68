// Logs, metrics and trace context (the tracer itself starts from `/telemetry/register` or `/telemetry/tracing`).
export { createLogger, type Logger } from '../logger.js';
export { createServiceMetrics, metricsFor, type MetricsOverride, type ServiceMetrics } from '../metrics.js';
export {
  currentSpanIds,
  flushTelemetry,
  inConsumerSpan,
  messageTraceCarrier,
  traceCarrier,
  untraced,
} from '../telemetry/trace-context.js';
