import { describe, expect, it } from 'vitest';
import { MICROSERVICES } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
  Period: number;
  Stat: string;
}
interface MetricDataQuery {
  Id: string;
  Expression?: string;
  MetricStat?: MetricStat;
}
interface AlarmProperties {
  AlarmName: string;
  Threshold: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  AlarmActions: unknown[];
  Namespace?: string;
  MetricName?: string;
  ExtendedStatistic?: string;
  Statistic?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: MetricDataQuery[];
}

const env = synthEnvironment('dev');
const monitoring = env.template('monitoring');
const alarms = Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm')).map(
  (a) => a.Properties as unknown as AlarmProperties,
);

function alarm(name: string): AlarmProperties {
  const found = alarms.find((a) => a.AlarmName === name);
  if (!found) throw new Error(`No alarm ${name}; there are ${alarms.map((a) => a.AlarmName).join(', ')}`);
  return found;
}

const dimensions = (list: { Name: string; Value: unknown }[] = []) =>
  Object.fromEntries(list.map((d) => [d.Name, d.Value]));

/** The metrics a metric-math alarm reads, by query id: namespace, name, dimensions, period, statistic. */
function inputs(a: AlarmProperties) {
  return Object.fromEntries(
    (a.Metrics ?? [])
      .filter((q) => q.MetricStat)
      .map(({ Id, MetricStat: s }) => [
        Id,
        {
          namespace: s!.Metric.Namespace,
          name: s!.Metric.MetricName,
          dimensions: dimensions(s!.Metric.Dimensions),
          period: s!.Period,
          stat: s!.Stat,
        },
      ]),
  );
}
const expression = (a: AlarmProperties) => a.Metrics?.find((q) => q.Expression)?.Expression;

/** The one metric of a plain alarm, whether CDK wrote it inline or, to keep its label, as a query. */
function watched(a: AlarmProperties) {
  if (a.MetricName) {
    return {
      namespace: a.Namespace,
      name: a.MetricName,
      dimensions: dimensions(a.Dimensions),
      stat: a.ExtendedStatistic ?? a.Statistic,
    };
  }
  const queries = Object.values(inputs(a));
  expect(queries, a.AlarmName).toHaveLength(1);
  expect(expression(a), a.AlarmName).toBeUndefined();
  const { period: _period, ...metric } = queries[0]!;
  return metric;
}

describe('alarms on ShopEasy’s own metrics, API Gateway and WAF', () => {
  it('When the decline rate alarm is read, then it divides declined by attempted payments over 5 minutes, from 20 attempts on', () => {
    const declines = alarm('shopeasy-dev-orders-payment-decline-rate');
    expect(expression(declines)).toBe('IF(whole >= 20, 100 * FILL(part, 0) / whole, 0)');
    const orders = { service: 'orders' };
    expect(inputs(declines)).toEqual({
      part: { namespace: 'ShopEasy', name: 'PaymentsDeclined', dimensions: orders, period: 300, stat: 'Sum' },
      whole: { namespace: 'ShopEasy', name: 'PaymentAttempts', dimensions: orders, period: 300, stat: 'Sum' },
    });
    expect(declines).toMatchObject({
      Threshold: 30,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('When the checkout latency alarm is read, then it watches the p99 of createOrder in the orders service', () => {
    const checkout = alarm('shopeasy-dev-orders-checkout-latency-p99');
    expect(watched(checkout)).toEqual({
      namespace: 'ShopEasy',
      name: 'Latency',
      dimensions: { service: 'orders', operation: 'createOrder' },
      stat: 'p99',
    });
    expect(checkout.Threshold).toBe(3000);
  });

  it('When the 5xx rate alarms are read, then each HTTP service has exactly one, on its own Responses5xx and Requests', () => {
    const onService = (a: AlarmProperties) =>
      Object.values(inputs(a)).find((m) => m.name === 'Responses5xx')?.dimensions.service;
    const rateAlarms = alarms.filter((a) => onService(a) !== undefined);
    expect(rateAlarms).toHaveLength(5);
    expect(rateAlarms.map(onService).sort()).toEqual([...MICROSERVICES].sort());
    for (const service of MICROSERVICES) {
      const rate = alarm(`shopeasy-dev-${service}-5xx-rate`);
      expect(inputs(rate).whole).toMatchObject({ name: 'Requests', dimensions: { service }, period: 300 });
      expect(expression(rate)).toBe('IF(whole >= 50, 100 * FILL(part, 0) / whole, 0)');
      expect(rate).toMatchObject({ Threshold: 5, TreatMissingData: 'notBreaching' });
    }
  });

  it('When the authorizer alarms are read, then faults alarm on their own and rejected tokens are subtracted from Lambda errors', () => {
    const faults = alarm('shopeasy-dev-api-authorizer-faults');
    expect(watched(faults)).toEqual({
      namespace: 'ShopEasy',
      name: 'AuthorizerFaults',
      dimensions: { service: 'authorizer' },
      stat: 'Sum',
    });
    expect(faults.Threshold).toBe(0);
    const errors = alarm('shopeasy-dev-api-authorizer-errors');
    expect(expression(errors)).toBe('FILL(errors, 0) - FILL(rejected, 0)');
    expect(inputs(errors).errors).toMatchObject({ namespace: 'AWS/Lambda', name: 'Errors' });
    expect(inputs(errors).rejected).toMatchObject({
      name: 'TokensRejected',
      dimensions: { service: 'authorizer' },
    });
    // No alarm counts the authorizer's raw Lambda errors, which include every rejected token.
    const lambdaErrors = alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors');
    expect(lambdaErrors.map((a) => a.AlarmName).sort()).toEqual([
      'shopeasy-dev-cart-events-lambda-errors',
      'shopeasy-dev-notifications-lambda-errors',
    ]);
  });

  it('When the API alarms are read, then they watch the v1 stage’s 5xx rate and p99 latency, and the web ACL’s blocks', () => {
    const stage = { ApiName: 'shopeasy-dev', Stage: 'v1' };
    const rate = alarm('shopeasy-dev-api-5xx-rate');
    expect(inputs(rate)).toMatchObject({
      part: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: stage, period: 300 },
      whole: { namespace: 'AWS/ApiGateway', name: 'Count', dimensions: stage, period: 300 },
    });
    const latency = alarm('shopeasy-dev-api-latency-p99');
    expect(watched(latency)).toEqual({
      namespace: 'AWS/ApiGateway',
      name: 'Latency',
      dimensions: stage,
      stat: 'p99',
    });
    expect(latency.Threshold).toBe(2000);
    const waf = alarm('shopeasy-dev-api-waf-blocked-requests');
    expect(watched(waf)).toEqual({
      namespace: 'AWS/WAFV2',
      name: 'BlockedRequests',
      dimensions: { WebACL: 'shopeasy-dev-api', Rule: 'ALL', Region: 'eu-west-1' },
      stat: 'Sum',
    });
    expect(waf.Threshold).toBe(300);
  });

  it('When the stream lag and email alarms are read, then they watch the catalog consumers and failed emails', () => {
    for (const [consumer, threshold] of [
      ['inventory', 60_000],
      ['ratings', 300_000],
    ] as const) {
      const lag = alarm(`shopeasy-dev-catalog-stream-lag-${consumer}`);
      expect(watched(lag)).toEqual({
        namespace: 'ShopEasy',
        name: 'StreamLag',
        dimensions: { service: 'catalog', consumer },
        stat: 'Maximum',
      });
      expect(lag.Threshold).toBe(threshold);
    }
    const emails = alarm('shopeasy-dev-notifications-emails-failed');
    expect(watched(emails)).toEqual({
      namespace: 'ShopEasy',
      name: 'EmailsFailed',
      dimensions: { service: 'notifications' },
      stat: 'Sum',
    });
    expect(emails.Threshold).toBe(0);
  });

  it('When any alarm of the monitoring stack is read, then it notifies the operations topic and no data is no alarm', () => {
    expect(alarms.length).toBeGreaterThan(15);
    const topic = JSON.stringify(alarms[0]!.AlarmActions);
    expect(topic).toContain('OpsTopic');
    for (const a of alarms) {
      expect(JSON.stringify(a.AlarmActions), a.AlarmName).toBe(topic);
      expect(a.TreatMissingData, a.AlarmName).toBe('notBreaching');
    }
  });
});
