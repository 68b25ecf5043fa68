import { Logger } from '@aws-lambda-powertools/logger';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
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

/** When the oldest running users task started; undefined when none runs. */
export type OldestTask = () => Promise<Date | undefined>;

export interface RotationDeps {
  secrets: SecretsApi;
  oldestUsersTask: OldestTask;
}

/**
 * One step of a Secrets Manager rotation of the signing key set. createSecret stages the rotated
 * set as AWSPENDING, but only when every running users task started after the current set was
 * written: an older task does not publish the key being promoted, and tokens signed with it
 * would fail wherever that task's JWKS is read.
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
  const oldest = await deps.oldestUsersTask();
  if (written && oldest && oldest < written) {
    throw new Error(
      `a users task started ${oldest.toISOString()}, before the current signing key set (${written.toISOString()}): ` +
        'it does not publish the key this rotation promotes. Replace the users tasks, then rotate again (runbook rotate-signing-key)',
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

/** The start of the oldest running task of an ECS service. */
export function oldestTaskOf(ecs: Pick<ECSClient, 'send'>, cluster: string, serviceName: string): OldestTask {
  return async () => {
    const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster, serviceName }));
    if (taskArns.length === 0) return undefined;
    const starts: Date[] = [];
    // DescribeTasks takes at most 100 tasks per call.
    for (let i = 0; i < taskArns.length; i += 100) {
      const { tasks = [] } = await ecs.send(
        new DescribeTasksCommand({ cluster, tasks: taskArns.slice(i, i + 100) }),
      );
      for (const task of tasks) starts.push(task.startedAt ?? task.createdAt ?? new Date(0));
    }
    return starts.reduce((a, b) => (a < b ? a : b));
  };
}

let deps: RotationDeps | undefined;

/** Secrets Manager calls this once per rotation step. */
export async function handler(event: SecretsManagerRotationEvent): Promise<void> {
  logger.info('rotation step', {
    secretId: event.SecretId,
    step: event.Step,
    version: event.ClientRequestToken,
  });
  deps ??= {
    secrets: new SecretsManagerClient({}),
    oldestUsersTask: oldestTaskOf(
      new ECSClient({}),
      process.env.CLUSTER ?? '',
      process.env.USERS_SERVICE ?? 'users',
    ),
  };
  await rotate(deps, event);
}
