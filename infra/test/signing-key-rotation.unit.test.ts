import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { rotate, type RotationDeps } from '../lib/functions/signing-key-rotation.js';
import { initialKeySet, parseKeySet, publishedKeys } from '../lib/functions/signing-key-set.js';
import { FakeSecret } from './support/fake-secrets.js';

const SECRET = 'shopeasy/prod/jwt-signing-key';
const kid = (text: string) => (JSON.parse(text) as JWK).kid;
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

/** A secret whose current set was written an hour ago, and users tasks started at `taskStart`. */
async function rotationSetup(taskStart: Date | undefined) {
  const written = new Date(Date.now() - 3600_000);
  const secret = new FakeSecret(JSON.stringify(await initialKeySet()), written);
  const deps: RotationDeps = { secrets: secret, oldestUsersTask: () => Promise.resolve(taskStart) };
  return { secret, deps, written };
}

async function runRotation(deps: RotationDeps, token: string) {
  for (const step of steps) await rotate(deps, { SecretId: SECRET, ClientRequestToken: token, Step: step });
}

describe('rotation of the signing key set by Secrets Manager', () => {
  it('When every users task started after the current set, then a rotation makes the published next key current', async () => {
    const { secret, deps } = await rotationSetup(new Date());
    const before = parseKeySet(secret.value()!);
    const token = secret.startRotation();

    await runRotation(deps, token);

    const after = parseKeySet(secret.value()!);
    expect(secret.versions.find((v) => v.stages.includes('AWSCURRENT'))!.id).toBe(token);
    expect(kid(after.current)).toBe(kid(before.next));
    expect(publishedKeys(after).map((k) => k.kid)).toEqual([kid(before.current), kid(after.next)]);
    expect(parseKeySet(secret.value('AWSPREVIOUS')!)).toEqual(before);
  });

  it('When a users task is older than the current set, then the rotation fails before writing, naming the runbook', async () => {
    const { secret, deps, written } = await rotationSetup(new Date(Date.now() - 2 * 3600_000));
    const current = secret.value();
    const token = secret.startRotation();

    await expect(
      rotate(deps, { SecretId: SECRET, ClientRequestToken: token, Step: 'createSecret' }),
    ).rejects.toThrow(
      new RegExp(`before the current signing key set \\(${written.toISOString()}\\).*rotate-signing-key`),
    );
    expect(secret.value()).toBe(current);
    expect(secret.value('AWSPENDING')).toBeUndefined();
  });

  it('When no users task runs (a first deployment), then the rotation goes ahead', async () => {
    const { secret, deps } = await rotationSetup(undefined);
    const before = parseKeySet(secret.value()!);
    await runRotation(deps, secret.startRotation());
    expect(kid(parseKeySet(secret.value()!).current)).toBe(kid(before.next));
  });

  it('When createSecret is retried, then the pending set is written once', async () => {
    const { secret, deps } = await rotationSetup(new Date());
    const token = secret.startRotation();
    const event = { SecretId: SECRET, ClientRequestToken: token, Step: 'createSecret' as const };
    await rotate(deps, event);
    const pending = secret.value('AWSPENDING');
    await rotate(deps, event);
    expect(secret.value('AWSPENDING')).toBe(pending);
  });

  it('When the pending set does not sign with the published next key, then testSecret fails and the current set stays', async () => {
    const { secret, deps } = await rotationSetup(new Date());
    const current = secret.value();
    const token = secret.startRotation();
    // Someone staged an unrelated set by hand.
    secret.versions.find((v) => v.id === token)!.value = JSON.stringify(await initialKeySet());

    await expect(
      rotate(deps, { SecretId: SECRET, ClientRequestToken: token, Step: 'testSecret' }),
    ).rejects.toThrow('does not sign with the key the current set publishes as next');
    expect(secret.value()).toBe(current);
  });

  it('When rotation is not enabled on the secret, then no step runs', async () => {
    const { secret, deps } = await rotationSetup(new Date());
    secret.rotationEnabled = false;
    await expect(
      rotate(deps, { SecretId: SECRET, ClientRequestToken: secret.startRotation(), Step: 'createSecret' }),
    ).rejects.toThrow('rotation is not enabled');
  });
});
