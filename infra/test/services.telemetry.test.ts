import { describe, expect, it } from 'vitest';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

interface Container {
  Name: string;
  Image: unknown;
  Essential?: boolean;
  ReadonlyRootFilesystem?: boolean;
  User?: string;
  Environment?: { Name: string; Value: unknown }[];
  DependsOn?: { ContainerName: string; Condition: string }[];
}

const env = synthEnvironment('dev');
const services = env.template('services');
const variables = (c: Container) => Object.fromEntries((c.Environment ?? []).map((e) => [e.Name, e.Value]));

function containersOf(name: string): Container[] {
  const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
    (t) => t.Properties.Family === `shopeasy-dev-${name}`,
  );
  return task!.Properties.ContainerDefinitions as Container[];
}

describe('traces to X-Ray through the AWS Distro for OpenTelemetry collector', () => {
  it.each(MICROSERVICE_SPECS.map((s) => s.name))(
    'When the %s task is read, then a pinned ADOT collector sidecar takes OTLP and exports to X-Ray only',
    (name) => {
      const containers = containersOf(name);
      expect(containers.map((c) => c.Name).sort()).toEqual([name, 'otel-collector'].sort());
      const collector = containers.find((c) => c.Name === 'otel-collector')!;
      // Pulled through ECR's cache of ECR Public: tasks have no way out of the VPC for images.
      expect(JSON.stringify(collector.Image)).toMatch(
        /\/shopeasy-\w+-ecr-public\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+"\]\]\}$/,
      );
      expect(collector).toMatchObject({ Essential: false, ReadonlyRootFilesystem: true, User: '10001' });
      const config = JSON.parse(variables(collector).AOT_CONFIG_CONTENT as string) as Record<
        string,
        Record<string, unknown>
      >;
      expect(Object.keys(config.receivers!)).toEqual(['otlp']);
      expect(config.receivers!.otlp).toEqual({ protocols: { http: { endpoint: '127.0.0.1:4318' } } });
      expect(Object.keys(config.exporters!)).toEqual(['awsxray']);
      expect(config.service).toEqual({
        pipelines: { traces: { receivers: ['otlp'], exporters: ['awsxray'] } },
      });
    },
  );

  it.each(MICROSERVICE_SPECS.map((s) => s.name))(
    'When the %s container is read, then it sends OTLP to the sidecar under its own name, with X-Ray ids',
    (name) => {
      const app = containersOf(name).find((c) => c.Name === name)!;
      expect(variables(app)).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SERVICE_NAME: name,
        TRACING: 'xray',
      });
      expect(variables(app)).not.toHaveProperty('AWS_XRAY_DAEMON_ADDRESS');
      expect(app.DependsOn).toEqual([{ ContainerName: 'otel-collector', Condition: 'START' }]);
    },
  );

  it('When the task roles are read, then each may write traces to X-Ray', () => {
    const roles = Object.values(resourcesOf(services, 'AWS::IAM::Role')).filter((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('ecs-tasks.amazonaws.com'),
    );
    const withXray = roles.filter((r) =>
      JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes('AWSXRayDaemonWriteAccess'),
    );
    expect(withXray).toHaveLength(MICROSERVICE_SPECS.length);
    expect(JSON.stringify(services.toJSON())).not.toContain('aws-xray-daemon');
  });

  it.each([
    ['api', 'authorizer', 'token-authorizer'],
    ['notifications', 'notifications', 'notifications'],
  ] as const)(
    'When the %s stack’s function is read, then it carries the ADOT collector layer and traces actively as %s',
    (stack, serviceName, functionName) => {
      const fn = Object.values(resourcesOf(env.template(stack), 'AWS::Lambda::Function')).find(
        (f) => f.Properties.FunctionName === `shopeasy-dev-${functionName}`,
      );
      expect(fn!.Properties).toMatchObject({
        TracingConfig: { Mode: 'Active' },
        Layers: [
          expect.stringMatching(
            /^arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-amd64-ver-\d+-\d+-\d+:\d+$/,
          ),
        ],
        Environment: {
          Variables: expect.objectContaining({
            OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
            OTEL_SERVICE_NAME: serviceName,
            TRACING: 'xray',
          }),
        },
      });
    },
  );
});
