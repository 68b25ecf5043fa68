import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AUTH_RATE_RULE } from '../api/api-firewall.js';
import type { WatchedMetric } from './service-monitor.js';

/** The users service logs `{"event":"login-failed"}` for each wrong password or unknown email. */
export const LOGIN_FAILED_PATTERN = '{ $.event = "login-failed" }';
export const LOGIN_FAILURES_METRIC = { namespace: 'ShopEasy', metricName: 'LoginFailures' } as const;
/** Failed logins a minute that look like credential stuffing rather than forgetful shoppers. */
export const LOGIN_FAILURES_ALARM_PER_MINUTE = 100;
/** Requests a minute the WAF's auth rate rule blocks before someone should look at who. */
export const AUTH_RATE_BLOCKS_ALARM_PER_MINUTE = 50;

const MINUTE = Duration.minutes(1);

export interface AuthMonitoringProps {
  /** The users service's log group. */
  readonly usersLogs: logs.ILogGroup;
  /** The API's web ACL name (`<prefix>-api`). */
  readonly webAclName: string;
}

/**
 * Credential-stuffing watch for the users dashboard: failed logins counted from the service log
 * by a metric filter, and the requests the WAF's auth rate rule blocks.
 */
export function authPanels(scope: Construct, props: AuthMonitoringProps): WatchedMetric[] {
  new logs.MetricFilter(scope, 'LoginFailuresFilter', {
    logGroup: props.usersLogs,
    filterPattern: logs.FilterPattern.literal(LOGIN_FAILED_PATTERN),
    metricNamespace: LOGIN_FAILURES_METRIC.namespace,
    metricName: LOGIN_FAILURES_METRIC.metricName,
    metricValue: '1',
    unit: cloudwatch.Unit.COUNT,
  });
  return [
    {
      title: 'Login failures',
      metrics: [new cloudwatch.Metric({ ...LOGIN_FAILURES_METRIC, statistic: 'Sum', period: MINUTE })],
      alarmAbove: LOGIN_FAILURES_ALARM_PER_MINUTE,
      alarmDescription: `More than ${LOGIN_FAILURES_ALARM_PER_MINUTE} failed logins a minute: credential stuffing?`,
      runbook: 'credential-stuffing.md',
    },
    {
      title: 'WAF auth rate limit blocks',
      metrics: [
        new cloudwatch.Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensionsMap: { WebACL: props.webAclName, Rule: AUTH_RATE_RULE, Region: Stack.of(scope).region },
          statistic: 'Sum',
          period: MINUTE,
        }),
      ],
      alarmAbove: AUTH_RATE_BLOCKS_ALARM_PER_MINUTE,
      alarmDescription:
        `The WAF blocks more than ${AUTH_RATE_BLOCKS_ALARM_PER_MINUTE} login, registration or refresh ` +
        'requests a minute.',
      runbook: 'credential-stuffing.md',
    },
  ];
}
