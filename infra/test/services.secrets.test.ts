import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SIGNING_KEY_ROTATION_DAYS } from '../lib/constructs/services/signing-key.js';
// What orders recognises as "not set yet": the stack must create the Stripe secret with exactly this.
import { UNSET_SECRET } from '../../services/orders/src/config.js';
import { build, cdkContext, resourcesOf } from './support/synth.js';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };

// Staging (Stripe) and dev (sandbox payments) in one synthesized app.
const app = new App({ context: cdkContext() });
const stacks = { staging: build(app, 'staging').services, dev: build(app, 'dev').services };
const assembly = app.synth();
const servicesOf = (name: keyof typeof stacks) =>
  Template.fromJSON(assembly.getStackArtifact(stacks[name].artifactId).template as Record<string, unknown>);
const services = servicesOf('staging');
const secrets = Object.entries(resourcesOf(services, 'AWS::SecretsManager::Secret')) as [string, Resource][];
const secret = (id: string) => secrets.find(([, s]) => s.Properties.Name === `shopeasy/staging/${id}`)!;
const [signingKeyId, signingKey] = secret('jwt-signing-key');
const container = (service: string) => {
  const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
    (t) => t.Properties.Family === `shopeasy-staging-${service}`,
  )!;
  return (task.Properties.ContainerDefinitions as Record<string, unknown>[]).find((c) => c.Name === service)!;
};

describe('the signing key: generated on creation, rotated on a schedule', () => {
  it('When the secret is read, then CloudFormation generates no value for it: no random password, no value in the template', () => {
    expect(signingKey.Properties).not.toHaveProperty('GenerateSecretString');
    expect(signingKey.Properties).not.toHaveProperty('SecretString');
    expect(signingKey.Properties.KmsKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SecretsKey/), 'Arn'],
    });
  });

  it('When the stack is created, then a custom resource writes the key set, and the users service starts only after it', () => {
    const resources = Object.entries(resourcesOf(services, 'Custom::SigningKey')) as [string, Resource][];
    expect(resources).toHaveLength(1);
    const [resourceId, resource] = resources[0]!;
    expect(resource.Properties.SecretId).toEqual({ Ref: signingKeyId });
    const generator = (resource.Properties.ServiceToken as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const fn = resourcesOf(services, 'AWS::Lambda::Function')[generator]!;
    expect(fn.Properties.FunctionName).toBe('shopeasy-staging-signing-key-generator');

    const users = Object.values(resourcesOf(services, 'AWS::ECS::Service')).find(
      (s) => s.Properties.ServiceName === 'users',
    ) as unknown as Resource;
    expect(users.DependsOn).toContain(resourceId);
  });

  it('When the users container is read, then it signs with the current key and publishes the others, both from the secret', () => {
    const fromSecret = (container('users').Secrets as { Name: string; ValueFrom: unknown }[]).filter((s) =>
      s.Name.startsWith('JWT_'),
    );
    expect(fromSecret).toEqual([
      { Name: 'JWT_SIGNING_KEY', ValueFrom: { 'Fn::Join': ['', [{ Ref: signingKeyId }, ':current::']] } },
      {
        Name: 'JWT_PREVIOUS_PUBLIC_KEYS',
        ValueFrom: { 'Fn::Join': ['', [{ Ref: signingKeyId }, ':published::']] },
      },
    ]);
  });

  it('When the rotation is read, then the rotation function runs every 30 days, not at once, and a failure alarms', () => {
    const schedules = Object.values(resourcesOf(services, 'AWS::SecretsManager::RotationSchedule'));
    expect(schedules).toHaveLength(1);
    const [schedule] = schedules;
    expect(schedule!.Properties).toMatchObject({
      SecretId: { Ref: signingKeyId },
      RotateImmediatelyOnUpdate: false,
      RotationRules: { ScheduleExpression: `rate(${SIGNING_KEY_ROTATION_DAYS} days)` },
    });
    const rotation = (schedule!.Properties.RotationLambdaARN as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const variables = (
      resourcesOf(services, 'AWS::Lambda::Function')[rotation]!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    // The users tasks' refresh interval: a rotation waits until every task has read the current set.
    expect(variables).toEqual({ NODE_OPTIONS: '--enable-source-maps', SIGNING_KEY_REFRESH_SECONDS: '300' });
    const invokers = Object.values(resourcesOf(services, 'AWS::Lambda::Permission')).filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [rotation, 'Arn'] }),
    );
    expect(invokers.map((p) => p.Properties)).toEqual([
      expect.objectContaining({ Principal: 'secretsmanager.amazonaws.com', SourceAccount: '222222222222' }),
    ]);
    services.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'shopeasy-staging-signing-key-rotation-failed',
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: rotation } }],
    });
  });
});

describe('the secrets operations set and rotate by hand', () => {
  it('When the Stripe secret is read, then it starts as the UNSET placeholder orders recognises', () => {
    const [, stripe] = secret('stripe-secret-key');
    expect(stripe.Properties.SecretString).toBe(UNSET_SECRET);
    expect(stripe.Properties).not.toHaveProperty('GenerateSecretString');
  });

  it('When the secret-age alarms are read, then the Stripe key (after a year) and the internal key (after 90 days) remind operations', () => {
    const alarms = Object.values(resourcesOf(services, 'AWS::CloudWatch::Alarm'))
      .map((a) => a.Properties)
      .filter((a) => String(a.AlarmName).includes('-secret-age-'));
    expect(alarms.map((a) => [a.AlarmName, a.Threshold])).toEqual([
      ['shopeasy-staging-secret-age-internal-api-key', 90],
      ['shopeasy-staging-secret-age-stripe-secret-key', 365],
    ]);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        Namespace: 'ShopEasy/Secrets',
        MetricName: 'DaysSinceChanged',
        Period: 86400,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [expect.anything()],
        AlarmDescription: expect.stringMatching(
          /rotate it \(rotate-(stripe-key|internal-api-key)\.md\)\. Runbook: operations\/runbooks\/secret-rotation\.md$/,
        ),
      });
      const secretName = (alarm.Dimensions as { Name: string; Value: string }[]).find(
        (d) => d.Name === 'secret',
      );
      expect(String(alarm.AlarmName)).toContain(String(secretName?.Value).split('/').at(-1));
    }
    const [rule] = Object.values(resourcesOf(services, 'AWS::Events::Rule'));
    expect(rule!.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 day)',
      Targets: [
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^SecretAgeFunction/), 'Arn'] },
        }),
      ],
    });
  });

  it('When dev (sandbox payments) is synthesized, then no Stripe reminder exists there', () => {
    const dev = servicesOf('dev');
    const names = Object.values(resourcesOf(dev, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmName,
    );
    expect(names).toContain('shopeasy-dev-secret-age-internal-api-key');
    expect(names).not.toContain('shopeasy-dev-secret-age-stripe-secret-key');
  });
});
