import { Logger } from '@aws-lambda-powertools/logger';
import {
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { secretString, type SecretsApi } from './secrets.js';
import { parseKeySet, rotatedKeySet } from './signing-key-set.js';

const logger = new Logger({ serviceName: 'signing-key-rotation' });

export interface RotationDeps {
  secrets: SecretsApi;
  /** How often every users task re-reads the secret (SIGNING_KEY_REFRESH_SECONDS of its task definition). */
  refreshSeconds: number;
  /** Now; the system clock otherwise. */
  now?: () => Date;
}

/**
 * How long after a set is written a rotation waits: every users task re-reads the secret every
 * refresh interval; the margin lets one failed read be retried and a task started meanwhile settle.
 */
export function settleSeconds(refreshSeconds: number): number {
  return 2 * refreshSeconds + 60;
}

/**
 * One step of a Secrets Manager rotation of the signing key set. createSecret stages the rotated
 * set as AWSPENDING, but only once the current set is older than settleSeconds: until every users
 * task has re-read it, some still publish the set before, which lacks the key being promoted, and
 * tokens signed with it would fail wherever such a task's JWKS is read.
 */
export async function rotate(deps: RotationDeps, event: SecretsManagerRotationEvent): Promise<void> {
  const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
  const described = await deps.secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
  const stages = described.VersionIdsToStages?.[token];
  if (!described.RotationEnabled) throw new Error(`rotation is not enabled for ${secretId}`);
  if (!stages) throw new Error(`version ${token} of ${secretId} has no stage`);
  if (stages.includes('AWSCURRENT')) return;
  if (!stages.includes('AWSPENDING')) throw new Error(`version ${token} of ${secretId} is not pending`);

  if (step === 'createSecret') return createSecret(deps, secretId, token);
  if (step === 'testSecret') return testSecret(deps.secrets, secretId, token);
  if (step === 'finishSecret')
    return finishSecret(deps.secrets, secretId, token, described.VersionIdsToStages!);
  // setSecret: the key lives only in this secret; there is no other system to update.
}

async function createSecret(deps: RotationDeps, secretId: string, token: string): Promise<void> {
  if (await secretString(deps.secrets, secretId, { VersionId: token, VersionStage: 'AWSPENDING' })) return;
  const current = parseKeySet((await secretString(deps.secrets, secretId)) ?? '');
  const written = await currentVersionCreated(deps.secrets, secretId);
  const settle = settleSeconds(deps.refreshSeconds);
  const now = (deps.now ?? (() => new Date()))();
  if (written && now.getTime() - written.getTime() < settle * 1000) {
    const after = new Date(written.getTime() + settle * 1000);
    throw new Error(
      `the current signing key set was written ${written.toISOString()}, less than ${settle} s ago: users tasks ` +
        `re-read it every ${deps.refreshSeconds} s, so some may not publish yet the key this rotation promotes. ` +
        `Rotate again after ${after.toISOString()} (runbook rotate-signing-key)`,
    );
  }
  await deps.secrets.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: JSON.stringify(await rotatedKeySet(current)),
      VersionStages: ['AWSPENDING'],
    }),
  );
}

async function testSecret(secrets: SecretsApi, secretId: string, token: string): Promise<void> {
  const pending = parseKeySet(
    (await secretString(secrets, secretId, { VersionId: token, VersionStage: 'AWSPENDING' })) ?? '',
  );
  const current = parseKeySet((await secretString(secrets, secretId)) ?? '');
  if (JSON.parse(pending.current).kid !== JSON.parse(current.next).kid) {
    throw new Error('the pending set does not sign with the key the current set publishes as next');
  }
}

async function finishSecret(
  secrets: SecretsApi,
  secretId: string,
  token: string,
  versions: Record<string, string[]>,
): Promise<void> {
  const current = Object.entries(versions).find(([, stages]) => stages.includes('AWSCURRENT'))?.[0];
  await secrets.send(
    new UpdateSecretVersionStageCommand({
      SecretId: secretId,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: token,
      ...(current ? { RemoveFromVersionId: current } : {}),
    }),
  );
}

async function currentVersionCreated(secrets: SecretsApi, secretId: string): Promise<Date | undefined> {
  const { Versions = [] } = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: secretId }));
  return Versions.find((v) => v.VersionStages?.includes('AWSCURRENT'))?.CreatedDate;
}

let deps: RotationDeps | undefined;

/** Secrets Manager calls this once per rotation step. */
export async function handler(event: SecretsManagerRotationEvent): Promise<void> {
  logger.info('rotation step', {
    secretId: event.SecretId,
    step: event.Step,
    version: event.ClientRequestToken,
  });
  deps ??= { secrets: new SecretsManagerClient({}), refreshSeconds: refreshSecondsOf(process.env) };
  await rotate(deps, event);
}

/** The users tasks' refresh interval, as the stack gives it; a rotation without it would guess. */
export function refreshSecondsOf(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.SIGNING_KEY_REFRESH_SECONDS);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new Error('SIGNING_KEY_REFRESH_SECONDS: required, a whole number of seconds (set by the stack)');
  }
  return seconds;
}
