import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../app/config.js';
import type { Microservice } from './microservice.js';

export interface BlueGreenProps {
  readonly config: EnvironmentConfig;
  readonly serviceName: string;
  readonly microservice: Microservice;
  readonly application: codedeploy.IEcsApplication;
  readonly alarmTopic: sns.ITopic;
}

const DEPLOYMENT_CONFIGS: Record<EnvironmentConfig['deployment'], codedeploy.IEcsDeploymentConfig> = {
  'all-at-once': codedeploy.EcsDeploymentConfig.ALL_AT_ONCE,
  linear: codedeploy.EcsDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTES,
  canary: codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES,
};

/**
 * Blue/green deployment of one service through CodeDeploy. The alarms watch both target groups
 * (whichever colour is live); any of them firing during a deployment rolls it back.
 */
export class BlueGreenDeployment extends Construct {
  public readonly deploymentGroup: codedeploy.EcsDeploymentGroup;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: BlueGreenProps) {
    super(scope, id);
    const { microservice: ms, serviceName, config } = props;
    const both = (
      metric: (group: elbv2.ApplicationTargetGroup) => cloudwatch.IMetric,
      label: string,
      expression = 'FILL(blue, 0) + FILL(green, 0)',
    ) =>
      new cloudwatch.MathExpression({
        expression,
        usingMetrics: { blue: metric(ms.blueTargetGroup), green: metric(ms.greenTargetGroup) },
        label,
        period: Duration.minutes(1),
      });
    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmName: `shopeasy-${config.name}-${serviceName}-${name.toLowerCase()}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      created.addOkAction(new actions.SnsAction(props.alarmTopic));
      return created;
    };
    this.alarms = [
      alarm(
        'Errors5xx',
        both(
          (g) => g.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum' }),
          '5xx responses',
        ),
        5,
        `${serviceName} answered more than 5 server errors a minute. Runbook: operations/runbooks/errors-5xx.md`,
      ),
      alarm(
        'UnhealthyTasks',
        both((g) => g.metrics.unhealthyHostCount({ statistic: 'Maximum' }), 'unhealthy tasks'),
        0,
        `${serviceName} has tasks failing the /health/ready check. Runbook: operations/runbooks/errors-5xx.md`,
      ),
      alarm(
        'LatencyP99',
        both(
          (g) => g.metrics.targetResponseTime({ statistic: 'p99' }),
          'p99 latency',
          'MAX([FILL(blue, 0), FILL(green, 0)])',
        ),
        1.5,
        `${serviceName} p99 latency above 1.5 s. Runbook: operations/runbooks/latency-p99.md`,
      ),
    ];

    this.deploymentGroup = new codedeploy.EcsDeploymentGroup(this, 'DeploymentGroup', {
      application: props.application,
      deploymentGroupName: `shopeasy-${config.name}-${serviceName}`,
      service: ms.service,
      blueGreenDeploymentConfig: {
        blueTargetGroup: ms.blueTargetGroup,
        greenTargetGroup: ms.greenTargetGroup,
        listener: ms.listener,
        testListener: ms.testListener,
        terminationWaitTime: Duration.minutes(config.name === 'prod' ? 30 : 5),
      },
      deploymentConfig: DEPLOYMENT_CONFIGS[config.deployment],
      alarms: this.alarms,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
  }
}
