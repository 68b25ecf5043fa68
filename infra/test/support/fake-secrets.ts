import { randomUUID } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsApi } from '../../lib/functions/secrets.js';

interface Version {
  id: string;
  value: string;
  stages: string[];
  created: Date;
}

/**
 * One secret in memory, answering the Secrets Manager calls the key functions make the way the
 * service does: stages move between versions, a request token writes a version once, a stage
 * nobody holds is ResourceNotFoundException.
 */
export class FakeSecret implements SecretsApi {
  readonly versions: Version[] = [];
  readonly calls: string[] = [];
  rotationEnabled = true;

  constructor(value?: string, created = new Date()) {
    if (value !== undefined) this.versions.push({ id: randomUUID(), value, stages: ['AWSCURRENT'], created });
  }

  /** The value in a stage; undefined while none (a pending version has no value until createSecret). */
  value(stage = 'AWSCURRENT'): string | undefined {
    return this.versions.find((v) => v.stages.includes(stage) && v.value !== '')?.value;
  }

  /** Starts a rotation as Secrets Manager does: a new version id with AWSPENDING and no value yet. */
  startRotation(): string {
    const id = randomUUID();
    this.versions.push({ id, value: '', stages: ['AWSPENDING'], created: new Date() });
    return id;
  }

  // Each command the functions send, by its class; the fake answers only those.
  send = (async (command: { constructor: unknown; input: Record<string, unknown> }) => {
    const input = command.input;
    this.calls.push((command.constructor as { name: string }).name);
    if (command instanceof GetSecretValueCommand) {
      const version = this.versions.find(
        (v) =>
          (!input.VersionId || v.id === input.VersionId) &&
          (!input.VersionStage || v.stages.includes(String(input.VersionStage))) &&
          v.value !== '',
      );
      if (!version) throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
      return { SecretString: version.value, VersionId: version.id };
    }
    if (command instanceof PutSecretValueCommand) {
      const token = String(input.ClientRequestToken ?? randomUUID());
      const stages = (input.VersionStages as string[] | undefined) ?? ['AWSCURRENT'];
      const existing = this.versions.find((v) => v.id === token);
      if (existing && existing.value !== '') return { VersionId: token };
      if (stages.includes('AWSCURRENT'))
        for (const v of this.versions) v.stages = v.stages.filter((s) => s !== 'AWSCURRENT');
      if (existing)
        Object.assign(existing, {
          value: String(input.SecretString),
          stages: [...new Set([...existing.stages, ...stages])],
        });
      else this.versions.push({ id: token, value: String(input.SecretString), stages, created: new Date() });
      return { VersionId: token };
    }
    if (command instanceof DescribeSecretCommand) {
      return {
        RotationEnabled: this.rotationEnabled,
        VersionIdsToStages: Object.fromEntries(this.versions.map((v) => [v.id, [...v.stages]])),
      };
    }
    if (command instanceof ListSecretVersionIdsCommand) {
      return {
        Versions: this.versions.map((v) => ({
          VersionId: v.id,
          VersionStages: [...v.stages],
          CreatedDate: v.created,
        })),
      };
    }
    if (command instanceof UpdateSecretVersionStageCommand) {
      const stage = String(input.VersionStage);
      for (const v of this.versions) {
        if (v.id === input.RemoveFromVersionId) v.stages = v.stages.filter((s) => s !== stage);
        if (v.id === input.MoveToVersionId) v.stages = [...v.stages.filter((s) => s !== 'AWSPENDING'), stage];
      }
      const previous = this.versions.find((v) => v.id === input.RemoveFromVersionId);
      if (previous && !previous.stages.includes('AWSPREVIOUS')) previous.stages.push('AWSPREVIOUS');
      return {};
    }
    throw new Error(`the fake does not answer ${(command.constructor as { name: string }).name}`);
  }) as SecretsApi['send'];
}
