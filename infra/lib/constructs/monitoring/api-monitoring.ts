import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { FIVE_MINUTES, MINUTE, RATE_ALARM_WHEN, appMetric, percentOf } from './app-metrics.js';
import { ERROR_RATE_ALARM_PERCENT, ERROR_RATE_MIN_REQUESTS } from './business-alarms.js';
import type { WatchedMetric } from './service-monitor.js';

/** The API's p99 includes the authorizer and the VPC link on top of the services' 1.5 s. */
export const API_P99_ALARM_MS = 2000;
/** Scanners are blocked all day; this many blocks a minute is an attack or a client gone wrong. */
export const WAF_BLOCKS_ALARM_PER_MINUTE = 300;
/** Failed authorizer invocations a minute, rejected tokens aside, before someone should look. */
export const AUTHORIZER_ERRORS_ALARM_PER_MINUTE = 5;

export interface ApiMonitoringProps {
  /** The REST API's name and stage, its CloudWatch dimensions. */
  readonly apiName: string;
  readonly stageName: string;
  /** The API's web ACL name (`<prefix>-api`). */
  readonly webAclName: string;
  readonly authorizer: lambda.IFunction;
}

/**
 * The public entry: API Gateway's 5xx rate and latency, the WAF's blocks, and the token authorizer,
 * whose faults are counted apart from the tokens it rightly rejects.
 */
export function apiPanels(scope: Construct, props: ApiMonitoringProps): WatchedMetric[] {
  const api = (metricName: string, options: cloudwatch.MetricOptions = {}) =>
    new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiName: props.apiName, Stage: props.stageName },
      statistic: 'Sum',
      period: MINUTE,
      ...options,
    });
  const over5 = { period: FIVE_MINUTES };
  const rejected = appMetric('authorizer', 'TokensRejected', {}, { label: 'tokens rejected' });
  return [
    {
      title: 'Server error rate % (5 min)',
      metrics: [percentOf(api('5XXError', over5), api('Count', over5), ERROR_RATE_MIN_REQUESTS, '5xx %')],
      alarmAbove: ERROR_RATE_ALARM_PERCENT,
      alarmId: '5xx-rate',
      alarmWhen: RATE_ALARM_WHEN,
      alarmDescription:
        `More than ${ERROR_RATE_ALARM_PERCENT} % of the API's responses in 5 minutes were server errors ` +
        `(from ${ERROR_RATE_MIN_REQUESTS} requests on).`,
      runbook: 'errors-5xx.md',
    },
    { title: 'Requests, 4xx, 5xx', metrics: ['Count', '4XXError', '5XXError'].map((name) => api(name)) },
    {
      title: 'Latency p99 p50',
      metrics: [
        api('Latency', { statistic: 'p99', label: 'p99' }),
        api('IntegrationLatency', { statistic: 'p99', label: 'integration p99' }),
        api('Latency', { statistic: 'p50', label: 'p50' }),
      ],
      alarmAbove: API_P99_ALARM_MS,
      alarmId: 'latency-p99',
      alarmDescription: `The slowest 1 % of the API's requests took more than ${API_P99_ALARM_MS} ms.`,
      runbook: 'latency-p99.md',
    },
    {
      title: 'WAF blocked requests',
      metrics: [
        new cloudwatch.Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensionsMap: { WebACL: props.webAclName, Rule: 'ALL', Region: Stack.of(scope).region },
          statistic: 'Sum',
          period: MINUTE,
        }),
      ],
      alarmAbove: WAF_BLOCKS_ALARM_PER_MINUTE,
      alarmId: 'waf-blocked-requests',
      alarmDescription: `The WAF blocks more than ${WAF_BLOCKS_ALARM_PER_MINUTE} requests a minute, all rules together.`,
      runbook: 'waf-blocked-requests.md',
    },
    {
      title: 'Authorizer faults',
      metrics: [appMetric('authorizer', 'AuthorizerFaults')],
      alarmAbove: 0,
      alarmDescription:
        'The token authorizer could not check tokens (for example the JWKS was unreachable) in 2 of the ' +
        'last 3 minutes; bad or expired tokens are not counted.',
      runbook: 'lambda-errors.md',
    },
    {
      // Lambda counts every rejected token as an error; what is left are faults, crashes and
      // timeouts, which may end an invocation before it writes AuthorizerFaults.
      title: 'Authorizer errors other than rejected tokens',
      metrics: [
        new cloudwatch.MathExpression({
          expression: 'FILL(errors, 0) - FILL(rejected, 0)',
          usingMetrics: { errors: props.authorizer.metricErrors({ period: MINUTE }), rejected },
          label: 'errors - rejected tokens',
          period: MINUTE,
        }),
      ],
      alarmAbove: AUTHORIZER_ERRORS_ALARM_PER_MINUTE,
      alarmId: 'authorizer-errors',
      alarmDescription:
        `More than ${AUTHORIZER_ERRORS_ALARM_PER_MINUTE} authorizer invocations a minute failed for a reason ` +
        'other than a rejected token: a crash, a timeout or a fault.',
      runbook: 'lambda-errors.md',
    },
    { title: 'Tokens rejected', metrics: [rejected, props.authorizer.metricInvocations({ period: MINUTE })] },
  ];
}
