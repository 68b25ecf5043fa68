import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES } from '../lib/app/config.js';
import { MICROSERVICE_SPECS } from '../lib/constructs/services/services.js';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Resource = { Properties: Record<string, unknown> };
type ContainerSecret = { Name: string; ValueFrom: unknown };

// Every service refuses to start in production without the key, so every container needs it.
describe.each(ENVIRONMENT_NAMES)('the internal service key in %s', (name) => {
  const services = synthEnvironment(name).template('services');
  const secrets = Object.entries(resourcesOf(services, 'AWS::SecretsManager::Secret')) as [
    string,
    Resource,
  ][];
  const internal = secrets.filter(([, s]) => s.Properties.Name === `shopeasy/${name}/internal-api-key`);
  const [secretId] = internal[0] ?? [];

  it('When the services stack is read, then one generated, KMS-encrypted secret holds the current and previous key', () => {
    expect(internal).toHaveLength(1);
    const properties = internal[0]![1].Properties;
    expect(properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SecretsKey/), 'Arn'] });
    expect(properties.GenerateSecretString).toMatchObject({
      GenerateStringKey: 'current',
      SecretStringTemplate: JSON.stringify({ previous: '' }),
      ExcludePunctuation: true,
    });
    expect(
      (properties.GenerateSecretString as { PasswordLength: number }).PasswordLength,
    ).toBeGreaterThanOrEqual(32);
  });

  it.each(MICROSERVICE_SPECS.map((s) => s.name))(
    'When the %s container is read, then INTERNAL_API_KEY and INTERNAL_API_KEY_PREVIOUS come from that secret, never from plain variables',
    (service) => {
      const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
        (t) => t.Properties.Family === `shopeasy-${name}-${service}`,
      )!;
      const app = (task.Properties.ContainerDefinitions as Record<string, unknown>[]).find(
        (c) => c.Name === service,
      )!;
      const fromSecret = ((app.Secrets ?? []) as ContainerSecret[]).filter((s) =>
        s.Name.startsWith('INTERNAL_API_KEY'),
      );
      expect(fromSecret).toEqual([
        { Name: 'INTERNAL_API_KEY', ValueFrom: { 'Fn::Join': ['', [{ Ref: secretId }, ':current::']] } },
        {
          Name: 'INTERNAL_API_KEY_PREVIOUS',
          ValueFrom: { 'Fn::Join': ['', [{ Ref: secretId }, ':previous::']] },
        },
      ]);
      const plain = (app.Environment as { Name: string }[]).map((e) => e.Name);
      expect(plain.filter((variable) => variable.startsWith('INTERNAL_API_KEY'))).toEqual([]);

      // The execution role (which fetches secrets at task start) may read it.
      const executionRole = (task.Properties.ExecutionRoleArn as { 'Fn::GetAtt': [string, string] })[
        'Fn::GetAtt'
      ][0];
      const policies = Object.values(resourcesOf(services, 'AWS::IAM::Policy')).filter((p) =>
        (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === executionRole),
      );
      const statements = policies.flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
      );
      const readable = statements
        .filter((st) => [st.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((st) => [st.Resource].flat());
      expect(readable).toContainEqual({ Ref: secretId });
    },
  );
});
