import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { serviceSizing } from '../../app/config.js';
import type { MicroserviceProps } from './microservice-props.js';
import { dataAccessStatements, reloadedSecrets } from './task-permissions.js';
import { collectorImage } from './collector-image.js';
import { COLLECTOR_CONFIG, telemetryEnvironment } from '../monitoring/telemetry.js';

export interface ServiceTask {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly taskRole: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * The task of one service: its image from the ECR repository the Terraform foundation published,
 * a role with its own data only, secrets from Secrets Manager, a read-only root filesystem with a
 * writable /tmp, a health check on /health/live, and the ADOT collector beside it, sending its
 * traces to X-Ray.
 */
export function addServiceTask(scope: Construct, props: MicroserviceProps): ServiceTask {
  const { config, spec } = props;
  const sizing = serviceSizing(config, spec.name);
  const parameter = (name: string) =>
    ssm.StringParameter.valueForStringParameter(scope, `/shopeasy/${config.name}/ecr/${spec.name}/${name}`);
  const repository = ecr.Repository.fromRepositoryAttributes(scope, 'Repository', {
    repositoryName: parameter('repository-name'),
    repositoryArn: parameter('repository-arn'),
  });

  const taskRole = new iam.Role(scope, 'TaskRole', {
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    description: `ShopEasy ${config.name} ${spec.name}: its own data only`,
  });
  // A customer-managed policy rather than an inline one, so the grant is reviewable on its own.
  new iam.ManagedPolicy(scope, 'DataAccessPolicy', {
    managedPolicyName: `shopeasy-${config.name}-${spec.name}-data`,
    description: `ShopEasy ${config.name} ${spec.name}: its own tables, queues, topic and stream`,
    statements: dataAccessStatements(spec.access, props.data),
    roles: [taskRole],
  });

  const taskDefinition = new ecs.FargateTaskDefinition(scope, 'Task', {
    family: `shopeasy-${config.name}-${spec.name}`,
    cpu: sizing.cpu,
    memoryLimitMiB: sizing.memoryMiB,
    taskRole,
    runtimePlatform: {
      cpuArchitecture: ecs.CpuArchitecture.X86_64,
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    },
    volumes: [{ name: 'tmp' }],
  });
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    logGroupName: `/shopeasy/${config.name}/${spec.name}`,
    retention: config.logRetentionDays as logs.RetentionDays,
    encryptionKey: props.logsKey,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const container = taskDefinition.addContainer('app', {
    containerName: spec.name,
    image: ecs.ContainerImage.fromEcrRepository(repository, config.imageTag),
    portMappings: [{ containerPort: spec.port, name: 'http' }],
    readonlyRootFilesystem: true,
    user: '1000:1000',
    environment: {
      ...props.environment,
      PORT: String(spec.port),
      ...telemetryEnvironment(spec.name),
      ...reloadedSecrets(scope, props, taskRole),
    },
    secrets: Object.fromEntries(
      Object.entries(spec.secrets).map(([variable, ref]) => {
        const secret = props.secrets[ref.id];
        if (!secret) throw new Error(`No secret ${ref.id} for ${spec.name}`);
        // Referenced by ARN: a grant through the key's own policy would make key, role and
        // service depend on each other. The key is granted below, on the role's side only.
        const id = `Secret-${ref.id}`;
        const byArn =
          (scope.node.tryFindChild(id) as secretsmanager.ISecret | undefined) ??
          secretsmanager.Secret.fromSecretCompleteArn(scope, id, secret.secretArn);
        return [variable, ecs.Secret.fromSecretsManager(byArn, ref.field)];
      }),
    ),
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: spec.name }),
    healthCheck: {
      command: ['CMD-SHELL', `wget -q -O /dev/null http://127.0.0.1:${spec.port}/health/live || exit 1`],
      interval: Duration.seconds(15),
      timeout: Duration.seconds(3),
      startPeriod: Duration.seconds(20),
      retries: 3,
    },
    stopTimeout: Duration.seconds(30),
  });
  if (Object.keys(spec.secrets).length > 0) {
    taskDefinition.obtainExecutionRole().addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.secretsKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${config.region}.amazonaws.com` } },
      }),
    );
  }
  container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
  // Not essential: a service keeps answering when its traces cannot be sent.
  const collector = taskDefinition.addContainer('otel', {
    containerName: 'otel-collector',
    image: collectorImage(scope, config, taskDefinition.obtainExecutionRole()),
    essential: false,
    readonlyRootFilesystem: true,
    user: '10001',
    cpu: 32,
    memoryReservationMiB: 128,
    environment: { AOT_CONFIG_CONTENT: JSON.stringify(COLLECTOR_CONFIG) },
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'otel' }),
  });
  container.addContainerDependencies({
    container: collector,
    condition: ecs.ContainerDependencyCondition.START,
  });
  // The collector's X-Ray exporter writes with the task role: PutTraceSegments and PutTelemetryRecords.
  taskRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
  return { taskDefinition, taskRole, logGroup };
}
