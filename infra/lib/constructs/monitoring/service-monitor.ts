import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

interface Graph {
  readonly title: string;
  readonly metrics: cloudwatch.IMetric[];
}

/** A panel that alarms on its first metric; the alarm always names its runbook. */
export interface AlarmedGraph extends Graph {
  /** Alarm when the first metric is above this. */
  readonly alarmAbove: number;
  /** Page under confluence-docs/operations/runbooks/ that the alarm description names. */
  readonly runbook: `${string}.md`;
  /** What breaching means, as sentences; the runbook reference is appended. */
  readonly alarmDescription?: string;
  /** Last part of the alarm name; the title in kebab case by default. */
  readonly alarmId?: string;
  /** How many of the last periods must breach: 2 of 3 by default. */
  readonly alarmWhen?: { readonly breaching: number; readonly of: number };
}

/** One panel of a dashboard: a graph, with or without an alarm. */
export type WatchedMetric = (Graph & { readonly alarmAbove?: undefined }) | AlarmedGraph;

/** Where alarm descriptions point; the runbook pages live in confluence-docs/operations/runbooks/. */
export const RUNBOOK_PREFIX = 'Runbook: operations/runbooks/';

export interface ServiceMonitorProps {
  /** `shopeasy-dev-users`: dashboard name and alarm name prefix. */
  readonly name: string;
  readonly topic: sns.ITopic;
  readonly panels: readonly WatchedMetric[];
}

/** One dashboard per service, and an alarm into the operations topic for each watched metric. */
export class ServiceMonitor extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.hours(3),
    });
    const widgets: cloudwatch.IWidget[] = [];
    for (const panel of props.panels) {
      const [first] = panel.metrics;
      if (!first) continue;
      const annotations: cloudwatch.HorizontalAnnotation[] = [];
      if (panel.alarmAbove !== undefined) {
        const id = panel.alarmId ?? slug(panel.title);
        const description = panel.alarmDescription ?? `${panel.title} above ${panel.alarmAbove}.`;
        const alarm = new cloudwatch.Alarm(this, id, {
          alarmName: `${props.name}-${id}`,
          alarmDescription: `${description} ${RUNBOOK_PREFIX}${panel.runbook}`,
          metric: first,
          threshold: panel.alarmAbove,
          evaluationPeriods: panel.alarmWhen?.of ?? 3,
          datapointsToAlarm: panel.alarmWhen?.breaching ?? 2,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        alarm.addAlarmAction(new actions.SnsAction(props.topic));
        alarm.addOkAction(new actions.SnsAction(props.topic));
        this.alarms.push(alarm);
        annotations.push({ value: panel.alarmAbove, label: 'alarm' });
      }
      widgets.push(
        new cloudwatch.GraphWidget({
          title: panel.title,
          left: panel.metrics,
          leftAnnotations: annotations,
          width: 8,
          height: 6,
        }),
      );
    }
    this.dashboard.addWidgets(...widgets);
  }
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
