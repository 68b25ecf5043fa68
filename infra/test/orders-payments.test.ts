import { describe, expect, it } from 'vitest';
import { RESERVATION_HOLD_SECONDS } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('staging');
const services = env.template('services');
const monitoring = env.template('monitoring');

/** The plain environment variables of a service's container. */
function environmentOf(service: string): Record<string, unknown> {
  const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
    (t) => t.Properties.Family === `shopeasy-staging-${service}`,
  );
  const containers = task!.Properties.ContainerDefinitions as Record<string, unknown>[];
  const app = containers.find((c) => c.Name === service)!;
  return Object.fromEntries(
    (app.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]),
  );
}

describe('orders payments in AWS', () => {
  it('When the catalog and orders tasks are read, then both hold reserved stock for the same time', () => {
    expect(environmentOf('catalog').RESERVATION_TTL_SECONDS).toBe(String(RESERVATION_HOLD_SECONDS));
    expect(environmentOf('orders').RESERVATION_TTL_SECONDS).toBe(String(RESERVATION_HOLD_SECONDS));
  });

  it('When the lapsed-hold alarm is read, then one refunded order in 5 minutes raises it', () => {
    const alarm = Object.values(resourcesOf(monitoring, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.AlarmName === 'shopeasy-staging-orders-hold-lapsed-refunds',
    );
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'HoldLapsedRefunds',
      Namespace: 'ShopEasy',
      Dimensions: [{ Name: 'service', Value: 'orders' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm?.Properties.AlarmDescription).toContain('operations/runbooks/hold-lapsed-refunds.md');
  });
});
