import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { RUNBOOK_PREFIX } from './service-monitor.js';

/** The job kinds AWS Backup counts failures of, each with its alarm `shopeasy-<env>-<kind>-jobs-failed`. */
export const BACKUP_JOB_ALARMS = {
  backup: { metric: 'NumberOfBackupJobsFailed', what: 'a backup job (daily or weekly recovery point)' },
  copy: {
    metric: 'NumberOfCopyJobsFailed',
    what: 'a copy of a recovery point to the DR region or backup account',
  },
  restore: {
    metric: 'NumberOfRestoreJobsFailed',
    what: 'a restore job (the weekly restore test among them)',
  },
} as const;

/** The resource types ShopEasy backs up; AWS Backup publishes its job counts per type. */
const RESOURCE_TYPES = ['DynamoDB', 'S3'] as const;

export interface BackupAlarmsProps {
  readonly config: EnvironmentConfig;
  readonly alarmTopic: sns.ITopic;
}

/** One alarm per job kind: any failed job in the last day pages through the alarm topic. */
export class BackupAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: BackupAlarmsProps) {
    super(scope, id);
    const { config } = props;
    this.alarms = Object.entries(BACKUP_JOB_ALARMS).map(([kind, job]) => {
      const usingMetrics = Object.fromEntries(
        RESOURCE_TYPES.map((type) => [
          type.toLowerCase(),
          new cloudwatch.Metric({
            namespace: 'AWS/Backup',
            metricName: job.metric,
            dimensionsMap: { ResourceType: type },
            statistic: 'Sum',
            period: Duration.hours(1),
          }),
        ]),
      );
      const alarm = new cloudwatch.Alarm(this, `${kind}-failed`, {
        alarmName: `${namePrefix(config)}-${kind}-jobs-failed`,
        alarmDescription: `${job.what} failed in the last hour (AWS/Backup ${job.metric}). ${RUNBOOK_PREFIX}backup-jobs-failed.md`,
        metric: new cloudwatch.MathExpression({
          // A type without failures publishes no datapoint; FILL keeps the other type's count.
          expression: RESOURCE_TYPES.map((t) => `FILL(${t.toLowerCase()}, 0)`).join(' + '),
          usingMetrics,
          period: Duration.hours(1),
          label: `${kind} jobs failed`,
        }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // Jobs run a few times a day: no datapoint means no failed job.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
      return alarm;
    });
  }
}
