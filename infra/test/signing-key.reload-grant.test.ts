import { describe, expect, it } from 'vitest';
import { resourcesOf, synthEnvironment } from './support/synth.js';

type Resource = { Properties: Record<string, unknown> };

const services = synthEnvironment('dev').template('services');
const [signingKeyId] = Object.entries(resourcesOf(services, 'AWS::SecretsManager::Secret')).find(
  ([, s]) => (s as Resource).Properties.Name === 'shopeasy/dev/jwt-signing-key',
)!;
const policies = Object.values(resourcesOf(services, 'AWS::IAM::ManagedPolicy')) as Resource[];
const statementsOf = (p: Resource) =>
  (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
    .Statement;
const allows = (p: Resource, action: string) =>
  statementsOf(p).some((s) => [s.Action].flat().includes(action));

describe('the users tasks re-read the signing key set', () => {
  it('When the users task definition is read, then it names the secret and the refresh interval the rotation waits for', () => {
    const task = Object.values(resourcesOf(services, 'AWS::ECS::TaskDefinition')).find(
      (t) => (t as Resource).Properties.Family === 'shopeasy-dev-users',
    ) as Resource;
    const users = (task.Properties.ContainerDefinitions as { Name: string; Environment: unknown[] }[]).find(
      (c) => c.Name === 'users',
    )!;
    expect(users.Environment).toEqual(
      expect.arrayContaining([
        { Name: 'JWT_SIGNING_KEY_SECRET_ID', Value: { Ref: signingKeyId } },
        { Name: 'SIGNING_KEY_REFRESH_SECONDS', Value: '300' },
      ]),
    );
  });

  it('When the task roles are read, then only the users role may read a secret, exactly the signing key, decrypting through Secrets Manager only', () => {
    const readers = policies.filter((p) => allows(p, 'secretsmanager:GetSecretValue'));
    expect(readers.map((p) => p.Properties.ManagedPolicyName)).toEqual(['shopeasy-dev-users-secrets']);
    expect(statementsOf(readers[0]!)).toEqual([
      expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: { Ref: signingKeyId } }),
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SecretsKey/), 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': expect.stringMatching(/^secretsmanager\./) } },
      }),
    ]);
    expect(readers[0]!.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^usersTaskRole/) }]);
  });
});
