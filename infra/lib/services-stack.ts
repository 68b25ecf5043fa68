import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BlueGreenDeployment } from './blue-green.js';
import { namePrefix, type EnvironmentConfig } from './config.js';
import type { DataStack } from './data-stack.js';
import { Microservice } from './microservice.js';
import { serviceEnvironment } from './service-environment.js';
import {
  GENERATED_SECRETS,
  MICROSERVICE_SPECS,
  SECRET_IDS,
  type Microservice as ServiceName,
} from './services.js';

/** How Secrets Manager generates a secret's value: 64 characters, in a JSON field if it has several. */
function generated(secretId: string): Pick<secretsmanager.SecretProps, 'generateSecretString'> {
  const spec = GENERATED_SECRETS.get(secretId);
  if (!spec) return {};
  const value = { passwordLength: spec.field ? 64 : 32, excludePunctuation: true };
  return {
    generateSecretString: spec.field
      ? { ...value, generateStringKey: spec.field, secretStringTemplate: JSON.stringify(spec.template ?? {}) }
      : value,
  };
}

export interface ServicesStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
  readonly alarmTopic: sns.ITopic;
}

/** ECS on Fargate: one service per microservice behind an internal ALB, fronted by an NLB for API Gateway. */
export class ServicesStack extends Stack {
  public readonly cluster: ecs.Cluster;
  public readonly alb: elbv2.ApplicationLoadBalancer;
  public readonly nlb: elbv2.NetworkLoadBalancer;
  public readonly nlbListeners: elbv2.NetworkListener[] = [];
  public readonly services: Readonly<Record<ServiceName, Microservice>>;
  public readonly deployments: Readonly<Record<ServiceName, BlueGreenDeployment>>;
  public readonly secrets: Readonly<Record<string, secretsmanager.Secret>>;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { config, vpc, data } = props;
    const prefix = namePrefix(config);

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: prefix,
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });
    const key = (name: string, description: string, service?: string) => {
      const created = new kms.Key(this, name, {
        description,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if (service) created.grantEncryptDecrypt(new iam.ServicePrincipal(service));
      return created;
    };
    const logsKey = key(
      'LogsKey',
      `ShopEasy ${config.name} service logs`,
      `logs.${this.region}.amazonaws.com`,
    );
    const secretsKey = key('SecretsKey', `ShopEasy ${config.name} service secrets`);
    this.secrets = Object.fromEntries(
      SECRET_IDS.map((secretId) => [
        secretId,
        new secretsmanager.Secret(this, `Secret-${secretId}`, {
          secretName: `shopeasy/${config.name}/${secretId}`,
          description: `ShopEasy ${config.name} ${secretId}; the value is set by operations (infra/README.md)`,
          encryptionKey: secretsKey,
          removalPolicy: RemovalPolicy.RETAIN,
          ...generated(secretId),
        }),
      ]),
    );

    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc,
      description: 'Internal ALB: service ports from inside the VPC (NLB, authorizer)',
      allowAllOutbound: false,
    });
    this.alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      loadBalancerName: `${prefix}-services`,
      vpc,
      internetFacing: false,
      securityGroup: albSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      dropInvalidHeaderFields: true,
      deletionProtection: config.name === 'prod',
    });
    this.alb.logAccessLogs(data.accessLogsBucket, 'alb');
    this.nlb = new elbv2.NetworkLoadBalancer(this, 'Nlb', {
      loadBalancerName: `${prefix}-api-link`,
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      crossZoneEnabled: true,
      deletionProtection: config.name === 'prod',
    });
    this.nlb.logAccessLogs(data.accessLogsBucket, 'nlb');

    const application = new codedeploy.EcsApplication(this, 'DeployApplication', { applicationName: prefix });
    const environment = serviceEnvironment(config, this.alb.loadBalancerDnsName, data);
    const services: Partial<Record<ServiceName, Microservice>> = {};
    const deployments: Partial<Record<ServiceName, BlueGreenDeployment>> = {};
    for (const spec of MICROSERVICE_SPECS) {
      for (const port of [spec.port, spec.port + 1000]) {
        albSecurityGroup.addIngressRule(
          ec2.Peer.ipv4(config.vpcCidr),
          ec2.Port.tcp(port),
          `${spec.name} from the VPC`,
        );
      }
      const ms = new Microservice(this, spec.name, {
        config,
        spec,
        cluster: this.cluster,
        alb: this.alb,
        albSecurityGroup,
        data,
        logsKey,
        secrets: this.secrets,
        secretsKey,
        environment: environment(spec),
      });
      albSecurityGroup.connections.allowTo(ms.service, ec2.Port.tcp(spec.port), `To ${spec.name} tasks`);
      const nlbListener = this.nlb.addListener(`${spec.name}Listener`, {
        port: spec.port,
        protocol: elbv2.Protocol.TCP,
        defaultTargetGroups: [
          new elbv2.NetworkTargetGroup(this, `${spec.name}AlbTarget`, {
            vpc,
            port: spec.port,
            protocol: elbv2.Protocol.TCP,
            targetType: elbv2.TargetType.ALB,
            targets: [new targets.AlbListenerTarget(ms.listener)],
            healthCheck: {
              protocol: elbv2.Protocol.HTTP,
              path: '/health/live',
              interval: Duration.seconds(30),
            },
          }),
        ],
      });
      this.nlbListeners.push(nlbListener);
      services[spec.name] = ms;
      deployments[spec.name] = new BlueGreenDeployment(this, `${spec.name}Deployment`, {
        config,
        serviceName: spec.name,
        microservice: ms,
        application,
        alarmTopic: props.alarmTopic,
      });
    }
    this.services = services as Record<ServiceName, Microservice>;
    this.deployments = deployments as Record<ServiceName, BlueGreenDeployment>;
  }
}
