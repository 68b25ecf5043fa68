import { Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { STAGE_NAME } from './api-stack.js';
import { apiPanels } from '../constructs/monitoring/api-monitoring.js';
import { MINUTE } from '../constructs/monitoring/app-metrics.js';
import { authPanels } from '../constructs/monitoring/auth-monitoring.js';
import { DOMAIN_PANELS, httpPanels, notificationsPanels } from '../constructs/monitoring/business-alarms.js';
import { namePrefix, type EnvironmentConfig } from '../app/config.js';
import type { DataStack } from './data-stack.js';
import { referenceData, type DataReferences } from './data-references.js';
import type { Microservice } from '../constructs/services/microservice.js';
import { cartEventsPanels, type WatchedRelay } from '../constructs/monitoring/relay-monitoring.js';
import { ServiceMonitor, type WatchedMetric } from '../constructs/monitoring/service-monitor.js';
import { MICROSERVICE_SPECS, type Microservice as ServiceName } from '../constructs/services/services.js';

export interface MonitoringStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly data: DataStack;
  readonly services: Readonly<Record<ServiceName, Microservice>>;
  readonly notifications: lambda.IFunction;
  /** The cart's outbox relay, the inventory stream's writer. */
  readonly cartEvents: WatchedRelay;
  readonly authorizer: lambda.IFunction;
  /** The public REST API's name (its stage is `STAGE_NAME`). */
  readonly apiName: string;
  readonly topic: sns.ITopic;
}

/**
 * A dashboard and an alarm set per microservice, from the load balancer's and the service's own
 * metrics, plus the notifications function's, the cart-events relay's and the public API's (with
 * its WAF and authorizer).
 */
export class MonitoringStack extends Stack {
  public readonly monitors: Readonly<Record<string, ServiceMonitor>>;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const data = referenceData(this, props.data);
    const prefix = namePrefix(config);
    const monitors: Record<string, ServiceMonitor> = {};

    for (const spec of MICROSERVICE_SPECS) {
      const ms = props.services[spec.name];
      const sum = (label: string, metric: (g: elbv2.ApplicationTargetGroup) => cloudwatch.IMetric) =>
        new cloudwatch.MathExpression({
          expression: 'FILL(blue, 0) + FILL(green, 0)',
          usingMetrics: { blue: metric(ms.blueTargetGroup), green: metric(ms.greenTargetGroup) },
          label,
          period: MINUTE,
        });
      const code = (c: elbv2.HttpCodeTarget) => (g: elbv2.ApplicationTargetGroup) =>
        g.metrics.httpCodeTarget(c, { statistic: 'Sum', period: MINUTE });
      const latency = (stat: string) => (g: elbv2.ApplicationTargetGroup) =>
        g.metrics.targetResponseTime({
          statistic: stat,
          period: MINUTE,
          label: `${stat} ${g === ms.blueTargetGroup ? 'blue' : 'green'}`,
        });
      const panels: WatchedMetric[] = [
        { title: 'Requests', metrics: [sum('requests', (g) => g.metrics.requestCount({ period: MINUTE }))] },
        { title: '4xx responses', metrics: [sum('4xx', code(elbv2.HttpCodeTarget.TARGET_4XX_COUNT))] },
        { title: '5xx responses', metrics: [sum('5xx', code(elbv2.HttpCodeTarget.TARGET_5XX_COUNT))] },
        {
          title: 'Latency p50 p99',
          metrics: [
            latency('p50')(ms.blueTargetGroup),
            latency('p99')(ms.blueTargetGroup),
            latency('p50')(ms.greenTargetGroup),
            latency('p99')(ms.greenTargetGroup),
          ],
        },
        {
          title: 'CPU',
          metrics: [ms.service.metricCpuUtilization({ period: MINUTE })],
          alarmAbove: 85,
          alarmDescription: `The ${spec.name} tasks use more than 85 % of their CPU.`,
          runbook: 'latency-p99.md',
        },
        {
          title: 'Memory',
          metrics: [ms.service.metricMemoryUtilization({ period: MINUTE })],
          alarmAbove: 85,
          alarmDescription: `The ${spec.name} tasks use more than 85 % of their memory.`,
          runbook: 'latency-p99.md',
        },
        ...httpPanels(spec.name),
        ...(DOMAIN_PANELS[spec.name]?.() ?? []),
      ];
      for (const tableId of spec.access.tables) {
        const table = data.tables[tableId];
        panels.push({
          title: `DynamoDB throttles ${tableId}`,
          metrics: [
            new cloudwatch.MathExpression({
              expression: 'FILL(r, 0) + FILL(w, 0)',
              usingMetrics: {
                r: table.metric('ReadThrottleEvents', { statistic: 'Sum', period: MINUTE }),
                w: table.metric('WriteThrottleEvents', { statistic: 'Sum', period: MINUTE }),
              },
              label: 'throttled requests',
              period: MINUTE,
            }),
          ],
          alarmAbove: 0,
          alarmDescription: `DynamoDB throttled reads or writes of the ${tableId} table.`,
          runbook: 'dynamodb-throttles.md',
        });
      }
      for (const queueId of spec.access.consumesQueues) panels.push(...queuePanels(data, queueId));
      // The stream's reader (the catalog) can fall behind; its writer is the cart-events relay.
      if (spec.access.inventoryStream === 'read' || spec.access.inventoryStream === 'readWrite') {
        panels.push({
          title: 'Kinesis iterator age',
          metrics: [
            data.inventoryStream.metricGetRecordsIteratorAgeMilliseconds({
              statistic: 'Maximum',
              period: MINUTE,
            }),
          ],
          alarmAbove: 60_000,
          alarmDescription: 'The inventory stream reader is more than 60 s behind the newest record.',
          runbook: 'kinesis-iterator-age.md',
        });
      }
      if (spec.name === 'users') {
        panels.push(...authPanels(this, { usersLogs: ms.logGroup, webAclName: `${prefix}-api` }));
      }
      monitors[spec.name] = new ServiceMonitor(this, spec.name, {
        name: `${prefix}-${spec.name}`,
        topic: props.topic,
        panels,
      });
    }

    monitors.notifications = new ServiceMonitor(this, 'notifications', {
      name: `${prefix}-notifications`,
      topic: props.topic,
      panels: [
        { title: 'Invocations', metrics: [props.notifications.metricInvocations({ period: MINUTE })] },
        {
          title: 'Lambda errors',
          metrics: [props.notifications.metricErrors({ period: MINUTE })],
          alarmAbove: 0,
          alarmDescription:
            'Invocations of the notifications function failed: a crash, a timeout or bad configuration.',
          runbook: 'lambda-errors.md',
        },
        ...notificationsPanels(),
        ...queuePanels(data, 'notifications'),
      ],
    });
    monitors.cartEvents = new ServiceMonitor(this, 'cartEvents', {
      name: `${prefix}-cart-events`,
      topic: props.topic,
      panels: cartEventsPanels(props.cartEvents),
    });
    monitors.api = new ServiceMonitor(this, 'api', {
      name: `${prefix}-api`,
      topic: props.topic,
      panels: apiPanels(this, {
        apiName: props.apiName,
        stageName: STAGE_NAME,
        webAclName: `${prefix}-api`,
        authorizer: props.authorizer,
      }),
    });
    this.monitors = monitors;
  }
}

function queuePanels(data: DataReferences, queueId: keyof DataReferences['queues']): WatchedMetric[] {
  return [
    {
      title: `Oldest message age ${queueId}`,
      metrics: [
        data.queues[queueId].metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: MINUTE }),
      ],
      alarmAbove: 300,
      alarmDescription: `Messages wait more than 5 minutes in ${queueId}.`,
      runbook: 'sqs-dlq-and-message-age.md',
    },
    {
      title: `DLQ depth ${queueId}`,
      metrics: [
        data.deadLetterQueues[queueId].metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: MINUTE,
        }),
      ],
      alarmAbove: 0,
      alarmDescription: `Messages failed processing and wait in the ${queueId} dead-letter queue.`,
      runbook: 'sqs-dlq-and-message-age.md',
    },
  ];
}
