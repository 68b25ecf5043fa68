import { RemovalPolicies, Tags, type App } from 'aws-cdk-lib';
import { AlertsStack } from '../stacks/alerts-stack.js';
import { ApiStack } from '../stacks/api-stack.js';
import type { ApiDocument } from '../constructs/api/api-definition.js';
import { BackupStack } from '../stacks/backup-stack.js';
import { stackPrefix, type EnvironmentConfig } from './config.js';
import { DataStack } from '../stacks/data-stack.js';
import { DrStack, drReplicationTarget } from '../stacks/dr-stack.js';
import { MonitoringStack } from '../stacks/monitoring-stack.js';
import { acknowledgeFindings } from '../compliance/nag-acknowledgements.js';
import { NetworkStack } from '../stacks/network-stack.js';
import { NotificationsStack } from '../stacks/notifications-stack.js';
import { ServicesStack } from '../stacks/services-stack.js';
import type { EnvironmentStacks } from './environment-stacks.js';

export type { EnvironmentStacks } from './environment-stacks.js';

export interface BuildOptions {
  /** The bundled contract; contracts/dist/shopeasy.apigateway.json by default. */
  readonly contract?: ApiDocument;
  /** Source of the notifications handler; functions/notifications/src/handler.ts by default. */
  readonly notificationsEntry?: string;
}

/** Every stack of one environment, wired together. Deploy order follows the dependencies. */
export function buildEnvironment(
  app: App,
  config: EnvironmentConfig,
  options: BuildOptions = {},
): EnvironmentStacks {
  const prefix = stackPrefix(config);
  const env = { account: config.account, region: config.region };
  const description = (what: string) => `ShopEasy ${config.name}: ${what}`;

  const dr = new DrStack(app, `${prefix}-Dr`, {
    config,
    env: { account: config.account, region: config.drRegion },
    description: description(`disaster-recovery region (${config.drRegion}): replicas and backup copies`),
  });
  const alerts = new AlertsStack(app, `${prefix}-Alerts`, {
    config,
    env,
    description: description('operations alerts topic'),
  });
  const network = new NetworkStack(app, `${prefix}-Network`, {
    config,
    env,
    description: description('VPC, endpoints, flow logs'),
  });
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    description: description('tables, topic, queues, stream, buckets'),
    stage: config.name,
    deletionProtection: config.teardown === 'retain',
    sesFrom: config.sesFrom,
    senderZone: { zoneName: config.hostedZoneName, zoneId: config.hostedZoneId },
    drReplication: drReplicationTarget(config),
    ...(config.inventoryStreamShards ? { inventoryStreamShards: config.inventoryStreamShards } : {}),
  });
  data.addStackDependency(dr, 'S3 replication needs the replica bucket and the replication role');
  const services = new ServicesStack(app, `${prefix}-Services`, {
    config,
    env,
    description: description('ECS Fargate services with blue/green deployments'),
    vpc: network.vpc,
    data,
    alarmTopic: alerts.topic,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    config,
    env,
    description: description('REST API imported from the contract, WAF, token authorizer'),
    vpc: network.vpc,
    nlb: services.nlb,
    albSecurityGroup: services.albSecurityGroup,
    ...(options.contract ? { contract: options.contract } : {}),
  });
  const notifications = new NotificationsStack(app, `${prefix}-Notifications`, {
    config,
    env,
    description: description('customer notifications function'),
    vpc: network.vpc,
    data,
    ...(options.notificationsEntry ? { entry: options.notificationsEntry } : {}),
  });
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    config,
    env,
    description: description('dashboards and alarms'),
    data,
    services: services.services,
    notifications: notifications.function,
    cartEvents: services.cartEvents,
    authorizer: api.authorizer,
    apiName: api.api.restApiName,
    topic: alerts.topic,
  });
  const backup = new BackupStack(app, `${prefix}-Backup`, {
    config,
    env,
    description: description('AWS Backup plan and vault'),
    vpc: network.vpc,
    alarmTopic: alerts.topic,
  });
  backup.addStackDependency(dr, 'Backup copies go to the DR vault');

  const stacks = { dr, alerts, network, data, services, api, notifications, monitoring, backup };
  for (const stack of Object.values(stacks)) {
    Tags.of(stack).add('project', 'shopeasy');
    Tags.of(stack).add('environment', config.name);
    // A failed first create, or a teardown, leaves nothing behind that a fixed name would trip on.
    if (config.teardown === 'destroy') RemovalPolicies.of(stack).destroy();
  }
  acknowledgeFindings(stacks);
  return stacks;
}
