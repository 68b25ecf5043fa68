import { describe, expect, it } from 'vitest';
import {
  WEBHOOK_PATH_REGEX,
  WEBHOOK_RATE_RULE,
  WEBHOOK_REQUESTS_PER_5_MIN,
} from '../lib/constructs/api/api-firewall.js';
import { RESERVATION_HOLD_SECONDS, UNSET_SECRET_VALUE } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

const env = synthEnvironment('staging');
const services = env.template('services');
const monitoring = env.template('monitoring');
const api = env.template('api');
const WEBHOOK = '/v1/payments/stripe/webhook';

type Statement = Record<string, Record<string, unknown>>;

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

  it('When the webhook route is read, then API Gateway sends it to orders without the authorizer', () => {
    const [restApi] = Object.values(resourcesOf(api, 'AWS::ApiGateway::RestApi'));
    const body = restApi!.Properties.Body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const paths = body.paths;
    const operation = paths[WEBHOOK]!.post!;
    expect(operation.security).toEqual([]);
    expect(operation['x-amazon-apigateway-integration']).toMatchObject({
      httpMethod: 'POST',
      uri: `https://\${stageVariables.ordersHost}${WEBHOOK}`,
    });
  });

  it('When the web ACL is read, then the webhook has its own per-address limit and the general one leaves it out', () => {
    const [acl] = Object.values(resourcesOf(api, 'AWS::WAFv2::WebACL'));
    const rules = acl!.Properties.Rules as { Name: string; Statement: Statement }[];
    const webhook = rules.find((r) => r.Name === WEBHOOK_RATE_RULE)!.Statement.RateBasedStatement!;
    expect(webhook).toMatchObject({ Limit: WEBHOOK_REQUESTS_PER_5_MIN, AggregateKeyType: 'IP' });
    const scope = (webhook.ScopeDownStatement as Statement).RegexMatchStatement!;
    const pattern = new RegExp(scope.RegexString as string);
    expect([WEBHOOK, `/v1${WEBHOOK}`, `${WEBHOOK}/`].map((p) => pattern.test(p))).toEqual([true, true, true]);
    expect(pattern.test('/v1/orders')).toBe(false);
    const general = rules.find((r) => r.Name === 'RateLimitPerIp')!.Statement.RateBasedStatement!;
    expect(general.ScopeDownStatement).toEqual({
      NotStatement: {
        Statement: { RegexMatchStatement: expect.objectContaining({ RegexString: WEBHOOK_PATH_REGEX }) },
      },
    });
  });

  it('When the orders task is read, then the webhook secret comes from Secrets Manager, created as the UNSET placeholder', () => {
    const secrets = resourcesOf(services, 'AWS::SecretsManager::Secret');
    const [logicalId, secret] = Object.entries(secrets).find(
      ([, s]) => s.Properties.Name === 'shopeasy/staging/stripe-webhook-secret',
    )!;
    expect(secret.Properties.SecretString).toBe(UNSET_SECRET_VALUE);
    const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
      (t) => t.Properties.Family === 'shopeasy-staging-orders',
    );
    const app = (task!.Properties.ContainerDefinitions as Record<string, unknown>[]).find(
      (c) => c.Name === 'orders',
    )!;
    const webhookSecret = (app.Secrets as { Name: string; ValueFrom: unknown }[]).find(
      (s) => s.Name === 'STRIPE_WEBHOOK_SECRET',
    );
    expect(JSON.stringify(webhookSecret?.ValueFrom)).toContain(logicalId);
    expect(environmentOf('orders')).not.toHaveProperty('STRIPE_WEBHOOK_SECRET');
  });
});
