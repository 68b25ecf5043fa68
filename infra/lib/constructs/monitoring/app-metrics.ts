import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** The namespace ShopEasy's code writes its EMF metrics to; the `service` dimension names the writer. */
export const APP_NAMESPACE = 'ShopEasy';

export const MINUTE = Duration.minutes(1);
/** Rates are taken over 5 minutes: one period, alarming as soon as it breaches. */
export const FIVE_MINUTES = Duration.minutes(5);
export const RATE_ALARM_WHEN = { breaching: 1, of: 1 } as const;

/** One of a service's own metrics, by `service` and any further dimensions; a per-minute sum by default. */
export function appMetric(
  service: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>> = {},
  options: cloudwatch.MetricOptions = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: APP_NAMESPACE,
    metricName,
    dimensionsMap: { service, ...dimensions },
    statistic: 'Sum',
    period: MINUTE,
    ...options,
  });
}

/**
 * `part` as a percentage of `whole`, over 5 minutes. It stays 0 while `whole` is under `minimum`,
 * so that 1 failure out of 1 attempt never pages anyone.
 */
export function percentOf(
  part: cloudwatch.IMetric,
  whole: cloudwatch.IMetric,
  minimum: number,
  label: string,
): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `IF(whole >= ${minimum}, 100 * FILL(part, 0) / whole, 0)`,
    usingMetrics: { part, whole },
    label,
    period: FIVE_MINUTES,
  });
}

/**
 * A dashboard-only graph with one line per value of `dimension` (operation, declineCode, …), whatever
 * values the code writes. Search expressions cannot be alarmed on.
 */
export function appMetricsBy(
  service: string,
  metricName: string,
  dimension: string,
  statistic: string,
  period: Duration = MINUTE,
): cloudwatch.MathExpression {
  const query = `{${APP_NAMESPACE},service,${dimension}} service="${service}" MetricName="${metricName}"`;
  return new cloudwatch.MathExpression({
    expression: `SEARCH('${query}', '${statistic}', ${period.toSeconds()})`,
    usingMetrics: {},
    // A dynamic label: each line is named by its own dimension value.
    label: `\${PROP('Dim.${dimension}')}`,
    period,
  });
}
