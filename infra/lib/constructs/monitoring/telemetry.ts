import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { adotCollectorLayerArn } from '../../app/config.js';

/** Where the code sends OTLP/HTTP: the collector beside it (ECS sidecar or Lambda extension). */
export const OTLP_ENDPOINT = 'http://127.0.0.1:4318';

/**
 * AWS Distro for OpenTelemetry collector image of the ECS sidecar, pinned so a task definition
 * never changes under a deployment (tags: gallery.ecr.aws/aws-observability/aws-otel-collector).
 */
export const COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1';

/**
 * The sidecar's whole configuration (AOT_CONFIG_CONTENT; JSON is YAML): OTLP/HTTP from the task's
 * own containers in, X-Ray out. Metrics do not pass through it: the code writes EMF to its log.
 */
export const COLLECTOR_CONFIG = {
  receivers: { otlp: { protocols: { http: { endpoint: '127.0.0.1:4318' } } } },
  exporters: { awsxray: {} },
  service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['awsxray'] } } },
} as const;

/**
 * The variables that turn tracing on in ShopEasy code: spans over OTLP to the local collector,
 * with X-Ray trace ids and propagation (`TRACING=xray`), named after the service.
 */
export function telemetryEnvironment(serviceName: string): Record<string, string> {
  return { OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_ENDPOINT, OTEL_SERVICE_NAME: serviceName, TRACING: 'xray' };
}

/**
 * Traces a function to X-Ray through the ADOT collector extension: the layer of the function's
 * region and the tracing variables. Active tracing stays on, so Lambda's own segment is the parent.
 */
export function addLambdaTelemetry(fn: lambda.Function, serviceName: string): void {
  const arn = adotCollectorLayerArn(Stack.of(fn).region);
  fn.addLayers(lambda.LayerVersion.fromLayerVersionArn(fn, 'AdotCollectorLayer', arn));
  for (const [name, value] of Object.entries(telemetryEnvironment(serviceName)))
    fn.addEnvironment(name, value);
}
