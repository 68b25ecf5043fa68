import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { namePrefix, type EnvironmentConfig } from '../../app/config.js';
import { SECRET_AGE_METRIC } from '../../functions/secret-age-metric.js';
import { opsFunction } from '../services/ops-function.js';
import { RUNBOOK_PREFIX } from './service-monitor.js';

/** A secret operations rotate by hand, and how old its value may get. */
export interface HandRotatedSecret {
  /** Id after `shopeasy/<env>/`; the alarm is `shopeasy-<env>-secret-age-<id>`. */
  readonly id: string;
  /** Its name in Secrets Manager, `shopeasy/<env>/<id>`. */
  readonly name: string;
  readonly secret: secretsmanager.ISecret;
  readonly maxAgeDays: number;
  /** The procedure that rotates it (a page in confluence-docs/operations/runbooks/). */
  readonly runbook: string;
}

export interface SecretAgeAlarmsProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly logsKey: kms.IKey;
  readonly alarmTopic: sns.ITopic;
  readonly secrets: readonly HandRotatedSecret[];
}

/** The reminder alarm of one hand-rotated secret: `shopeasy-<env>-secret-age-<id>`. */
export function secretAgeAlarmName(config: EnvironmentConfig, id: string): string {
  return `${namePrefix(config)}-secret-age-${id}`;
}

/**
 * Reminders for the secrets that cannot rotate by themselves: once a day a function writes the
 * age of each one's current value, and an alarm per secret tells operations, through the alarm
 * topic, when it is older than its limit. Putting a new value resets the age.
 */
export class SecretAgeAlarms extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: SecretAgeAlarmsProps) {
    super(scope, id);
    const { config } = props;
    this.function = opsFunction(this, 'Function', {
      config,
      name: 'secret-age',
      description: 'Daily: the age of each hand-rotated secret, for its reminder alarm',
      entry: 'infra/lib/functions/secret-age.ts',
      vpc: props.vpc,
      logsKey: props.logsKey,
      timeout: Duration.seconds(30),
      environment: { SECRET_NAMES: JSON.stringify(props.secrets.map((s) => s.name)) },
    });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:ListSecretVersionIds'],
        resources: props.secrets.map((s) => s.secret.secretArn),
      }),
    );
    new events.Rule(this, 'Daily', {
      ruleName: `${namePrefix(config)}-secret-age`,
      description: 'Measures the age of the hand-rotated secrets once a day',
      schedule: events.Schedule.rate(Duration.days(1)),
      targets: [new eventTargets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });

    this.alarms = props.secrets.map((s) => {
      const alarm = new cloudwatch.Alarm(this, `Age-${s.id}`, {
        alarmName: secretAgeAlarmName(config, s.id),
        alarmDescription: `${s.name} was last set more than ${s.maxAgeDays} days ago: rotate it (${s.runbook}). ${RUNBOOK_PREFIX}secret-rotation.md`,
        metric: new cloudwatch.Metric({
          namespace: SECRET_AGE_METRIC.namespace,
          metricName: SECRET_AGE_METRIC.name,
          dimensionsMap: {
            service: SECRET_AGE_METRIC.service,
            [SECRET_AGE_METRIC.secretDimension]: s.name,
          },
          statistic: 'Maximum',
          period: Duration.days(1),
        }),
        threshold: s.maxAgeDays,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // Keeps its state between the daily datapoints.
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
      return alarm;
    });
  }
}
