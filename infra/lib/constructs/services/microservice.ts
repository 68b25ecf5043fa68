import { Duration, RemovalPolicy, type CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { serviceSizing } from '../../app/config.js';
import type { MicroserviceProps } from './microservice-props.js';
import { addServiceTask } from './service-task.js';
import { MICROSERVICE_SPECS, TEST_LISTENER_PORT_OFFSET } from './services.js';
import { allowAwsApis, allowToLoadBalancer, closedSecurityGroup } from './task-network.js';

/** TLS 1.2 (AEAD, forward-secret ciphers only) and 1.3: what every caller inside the VPC speaks. */
const INTERNAL_TLS_POLICY = elbv2.SslPolicy.TLS13_RES;

/** The one documented egress to the internet; the rule's description, as tests and reviews read it. */
export const STRIPE_EGRESS = "Orders to Stripe's API (api.stripe.com:443) through the NAT gateway";

export type { MicroserviceProps } from './microservice-props.js';

/** One microservice on Fargate: task, service, blue and green target groups, autoscaling. */
export class Microservice extends Construct {
  public readonly service: ecs.FargateService;
  public readonly taskRole: iam.Role;
  public readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  public readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  public readonly listener: elbv2.ApplicationListener;
  public readonly testListener: elbv2.ApplicationListener;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);
    const { config, spec } = props;
    const sizing = serviceSizing(config, spec.name);
    const task = addServiceTask(this, props);
    this.taskRole = task.taskRole;
    this.logGroup = task.logGroup;
    const taskDefinition = task.taskDefinition;

    const vpc = props.cluster.vpc;
    const securityGroup = closedSecurityGroup(this, 'SecurityGroup', vpc, `ShopEasy ${spec.name} tasks`);
    securityGroup.addIngressRule(
      props.albSecurityGroup,
      ec2.Port.tcp(spec.port),
      'From the internal load balancer',
    );
    allowAwsApis(securityGroup, vpc, { dynamoDb: spec.access.tables.length > 0 });
    allowToLoadBalancer(
      securityGroup,
      props.albSecurityGroup,
      MICROSERVICE_SPECS.filter((s) => spec.calls.includes(s.name)).map((s) => s.port),
      spec.name,
    );
    if (spec.name === 'orders' && config.paymentProvider === 'stripe') {
      // Stripe publishes no fixed address range for api.stripe.com; the NAT gateway carries it.
      securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), STRIPE_EGRESS);
    }

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: spec.name,
      cluster: props.cluster,
      taskDefinition,
      desiredCount: sizing.minTasks,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      assignPublicIp: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      healthCheckGracePeriod: Duration.seconds(60),
      // Blue/green keeps every old task until the new ones pass; ECS rolling percentages do not apply.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    });

    this.releaseThroughCodeDeploy(taskDefinition);

    const targetGroup = (color: string) =>
      new elbv2.ApplicationTargetGroup(this, `${color}TargetGroup`, {
        vpc: props.cluster.vpc,
        port: spec.port,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: { path: '/health/ready', healthyHttpCodes: '200', interval: Duration.seconds(15) },
      });
    this.blueTargetGroup = targetGroup('Blue');
    this.greenTargetGroup = targetGroup('Green');
    this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
    this.listener = props.alb.addListener(`${spec.name}Listener`, {
      port: spec.port,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: INTERNAL_TLS_POLICY,
      open: false,
      defaultTargetGroups: [this.blueTargetGroup],
    });
    // CodeDeploy sends test traffic to the green tasks on this port before shifting production.
    this.testListener = props.alb.addListener(`${spec.name}TestListener`, {
      port: spec.port + TEST_LISTENER_PORT_OFFSET,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: INTERNAL_TLS_POLICY,
      open: false,
      defaultTargetGroups: [this.greenTargetGroup],
    });

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: sizing.minTasks,
      maxCapacity: sizing.maxTasks,
    });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    // One policy per target group: whichever colour serves production drives the scale-out.
    for (const [name, group] of [
      ['Blue', this.blueTargetGroup],
      ['Green', this.greenTargetGroup],
    ] as const) {
      scaling.scaleOnRequestCount(`Requests${name}`, {
        requestsPerTarget: sizing.requestsPerTaskPerMinute,
        targetGroup: group,
      });
    }
  }

  /**
   * CloudFormation may not change the task definition of a service that CodeDeploy deploys. The
   * service names the task definition family instead of a revision, so a `cdk deploy` only
   * registers new revisions (kept for rollback); infra/scripts/deploy-services.sh releases the
   * newest revision through a blue/green deployment.
   */
  private releaseThroughCodeDeploy(taskDefinition: ecs.FargateTaskDefinition): void {
    const cfnService = this.service.node.defaultChild as ecs.CfnService;
    const cfnTaskDefinition = taskDefinition.node.defaultChild as CfnResource;
    cfnService.taskDefinition = taskDefinition.family;
    cfnService.addResourceDependency(cfnTaskDefinition);
    cfnTaskDefinition.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
