import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientConfig, type AwsClients } from '@shopeasy/service-kit/aws';
import type { KeySetSource } from '../domain/ports.js';

type Settings = Parameters<typeof awsClientConfig>[0];

/** The `jwt-signing-key` secret's current value (AWSCURRENT), read from Secrets Manager. */
export function createSigningKeySecret(
  settings: Settings,
  secretId: string,
): KeySetSource & Pick<AwsClients, 'destroy'> {
  const client = new SecretsManagerClient(awsClientConfig(settings));
  return {
    secretId,
    async read() {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }),
      );
      if (SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
      return SecretString;
    },
    destroy: () => client.destroy(),
  };
}
