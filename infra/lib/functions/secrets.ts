import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** The part of the Secrets Manager client the functions use (tests pass a fake). */
export type SecretsApi = Pick<SecretsManagerClient, 'send'>;

/** The secret's value in a stage or version; undefined when there is none (an empty secret). */
export async function secretString(
  secrets: SecretsApi,
  secretId: string,
  version: { VersionStage?: string; VersionId?: string } = { VersionStage: 'AWSCURRENT' },
): Promise<string | undefined> {
  try {
    const { SecretString } = await secrets.send(
      new GetSecretValueCommand({ SecretId: secretId, ...version }),
    );
    return SecretString;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException')
      return undefined;
    throw error;
  }
}
