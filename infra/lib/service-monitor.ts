import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** A metric with how to alarm on it, for one panel of a dashboard. */
export interface WatchedMetric {
  readonly title: string;
  readonly metrics: cloudwatch.IMetric[];
  /** Alarm when the first metric is above this. Omit for a graph without alarm. */
  readonly alarmAbove?: number;
  readonly alarmDescription?: string;
}

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
        const alarm = new cloudwatch.Alarm(this, slug(panel.title), {
          alarmName: `${props.name}-${slug(panel.title)}`,
          alarmDescription: panel.alarmDescription ?? `${panel.title} above ${panel.alarmAbove}`,
          metric: first,
          threshold: panel.alarmAbove,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
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
