import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('staging');
const services = env.template('services');
const monitoring = env.template('monitoring');
const names = MICROSERVICE_SPECS.map((s) => s.name);

describe('ECS services, deployments and monitoring', () => {
  it('When the services stack is synthesized, then there is exactly one Fargate service per microservice, deployed by CodeDeploy', () => {
    const ecsServices = Object.values(resourcesOf(services, 'AWS::ECS::Service'));
    expect(ecsServices.map((s) => s.Properties.ServiceName).sort()).toEqual([...names].sort());
    for (const service of ecsServices) {
      expect(service.Properties).toMatchObject({
        LaunchType: 'FARGATE',
        DeploymentController: { Type: 'CODE_DEPLOY' },
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
      });
    }
    services.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
  });

  it('When a service is read, then it names its task definition family, so CloudFormation never swaps revisions under CodeDeploy', () => {
    const ecsServices = Object.entries(resourcesOf(services, 'AWS::ECS::Service'));
    expect(ecsServices).toHaveLength(5);
    for (const [id, service] of ecsServices) {
      const family = `shopeasy-staging-${service.Properties.ServiceName as string}`;
      expect(service.Properties.TaskDefinition, id).toBe(family);
    }
    const taskDefinitions = services.findResources('AWS::ECS::TaskDefinition') as Record<
      string,
      { UpdateReplacePolicy: string }
    >;
    expect(Object.keys(taskDefinitions)).toHaveLength(5);
    for (const definition of Object.values(taskDefinitions))
      expect(definition.UpdateReplacePolicy).toBe('Retain');
  });

  it('When a task definition is read, then its image comes from the ECR repository Terraform published in SSM', () => {
    const parameters = services.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    const published = Object.values(parameters)
      .filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>')
      .map((p) => p.Default);
    expect(names).toHaveLength(5);
    for (const name of names) {
      expect(published).toContain(`/shopeasy/staging/ecr/${name}/repository-name`);
      expect(published).toContain(`/shopeasy/staging/ecr/${name}/repository-arn`);
    }
  });

  it.each(MICROSERVICE_SPECS.map((s) => [s.name, s] as const))(
    'When the %s container is read, then it runs read-only as a non-root user, checks /health/live and takes secrets from Secrets Manager',
    (name, spec) => {
      const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
        (t) => t.Properties.Family === `shopeasy-staging-${name}`,
      );
      const containers = task!.Properties.ContainerDefinitions as Record<string, unknown>[];
      const app = containers.find((c) => c.Name === name)!;
      expect(app).toMatchObject({
        ReadonlyRootFilesystem: true,
        User: '1000:1000',
        PortMappings: [expect.objectContaining({ ContainerPort: spec.port })],
        HealthCheck: { Command: ['CMD-SHELL', expect.stringContaining(`:${spec.port}/health/live`)] },
      });
      const secrets = ((app.Secrets ?? []) as { Name: string }[]).map((s) => s.Name);
      expect(secrets).toEqual(Object.keys(spec.secrets));
      const environment = (app.Environment as { Name: string; Value: unknown }[]).map((e) => e.Name);
      for (const variable of Object.keys(spec.secrets)) expect(environment).not.toContain(variable);
    },
  );

  it('When the deployment groups are read, then each service rolls back automatically on its alarms', () => {
    const groups = Object.values(resourcesOf(services, 'AWS::CodeDeploy::DeploymentGroup'));
    expect(groups.map((g) => g.Properties.DeploymentGroupName).sort()).toEqual(
      names.map((n) => `shopeasy-staging-${n}`).sort(),
    );
    for (const group of groups) {
      expect(group.Properties).toMatchObject({
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        },
        AlarmConfiguration: { Enabled: true, Alarms: expect.arrayContaining([expect.anything()]) },
        DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
      });
    }
  });

  it('When the scaling policies are read, then every service scales on CPU and on requests per target', () => {
    const policies = Object.values(resourcesOf(services, 'AWS::ApplicationAutoScaling::ScalingPolicy'));
    const metrics = policies.map(
      (p) =>
        (
          p.Properties.TargetTrackingScalingPolicyConfiguration as {
            PredefinedMetricSpecification: { PredefinedMetricType: string };
          }
        ).PredefinedMetricSpecification.PredefinedMetricType,
    );
    expect(metrics.filter((m) => m === 'ECSServiceAverageCPUUtilization')).toHaveLength(names.length);
    expect(metrics.filter((m) => m === 'ALBRequestCountPerTarget')).toHaveLength(names.length * 2);
  });

  it('When the alarms are read, then every microservice has the same alarm set, all notifying the operations topic', () => {
    const alarmNames = [services, monitoring].flatMap((t) =>
      Object.values(resourcesOf(t, 'AWS::CloudWatch::Alarm')).map((a) => {
        expect(a.Properties.AlarmActions).toEqual([expect.anything()]);
        return a.Properties.AlarmName as string;
      }),
    );
    const kinds = (service: string) =>
      alarmNames
        // The cart-events relay's alarms share the cart's prefix; they have a set of their own.
        .filter((n) => n.startsWith(`shopeasy-staging-${service}-`) && !n.includes('-cart-events-'))
        .map((n) => n.slice(`shopeasy-staging-${service}-`.length))
        .filter((k) => !/^(dynamodb|oldest|dlq|kinesis|stream-lag|payment|checkout|login|waf|hold)/.test(k))
        .sort();
    const expected = ['5xx-rate', 'cpu', 'errors5xx', 'latencyp99', 'memory', 'unhealthytasks'];
    expect(names).toHaveLength(5);
    for (const name of names) expect(kinds(name), name).toEqual(expected);
    for (const name of names)
      expect(alarmNames, name).toContain(`shopeasy-staging-${name}-dynamodb-throttles-${name}`);
    expect(alarmNames).toContain('shopeasy-staging-feedback-dlq-depth-feedbackreviews');
    expect(alarmNames).toContain('shopeasy-staging-catalog-kinesis-iterator-age');
    expect(alarmNames).toContain('shopeasy-staging-users-login-failures');
    expect(alarmNames).toContain('shopeasy-staging-users-waf-auth-rate-limit-blocks');
    expect(alarmNames).toContain('shopeasy-staging-notifications-lambda-errors');
    expect(alarmNames).toContain('shopeasy-staging-cart-events-lambda-errors');
  });

  it('When the dashboards are read, then there is one per microservice, one per function fed by events and one for the API', () => {
    const dashboards = Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Dashboard')).map(
      (d) => d.Properties.DashboardName,
    );
    expect(dashboards.sort()).toEqual(
      [...names, 'notifications', 'cart-events', 'api'].map((n) => `shopeasy-staging-${n}`).sort(),
    );
  });

  it('When the network stack is read, then the VPC spans two zones with private endpoints and flow logs', () => {
    const network = env.template('network');
    const zones = new Set(
      Object.values(resourcesOf(network, 'AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone),
    );
    expect(zones.size).toBeGreaterThanOrEqual(2);
    const endpoints = JSON.stringify(resourcesOf(network, 'AWS::EC2::VPCEndpoint'));
    for (const service of [
      'dynamodb',
      's3',
      'sqs',
      'sns',
      'kinesis-streams',
      'ecr.api',
      'ecr.dkr',
      'logs',
      'secretsmanager',
    ]) {
      expect(endpoints, service).toContain(`.${service}`);
    }
    network.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    network.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() });
  });
});
