import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  refreshSecondsOf,
  rotate,
  settleSeconds,
  type RotationDeps,
} from '../lib/functions/signing-key-rotation.js';
import { initialKeySet, parseKeySet, publishedKeys } from '../lib/functions/signing-key-set.js';
import { FakeSecret } from './support/fake-secrets.js';

const SECRET = 'shopeasy/prod/jwt-signing-key';
const kid = (text: string) => (JSON.parse(text) as JWK).kid;
const steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

const REFRESH_SECONDS = 300;

/** A secret whose current set was written `ageSeconds` ago (an hour by default); users tasks re-read it every 300 s. */
async function rotationSetup(ageSeconds = 3600) {
  const now = new Date();
  const written = new Date(now.getTime() - ageSeconds * 1000);
  const secret = new FakeSecret(JSON.stringify(await initialKeySet()), written);
  const deps: RotationDeps = { secrets: secret, refreshSeconds: REFRESH_SECONDS, now: () => now };
  return { secret, deps, written };
}

async function runRotation(deps: RotationDeps, token: string) {
  for (const step of steps) await rotate(deps, { SecretId: SECRET, ClientRequestToken: token, Step: step });
}

describe('rotation of the signing key set by Secrets Manager', () => {
  it('When the current set is older than twice the refresh interval and a minute, then a rotation makes the published next key current, whenever the users tasks started', async () => {
    const { secret, deps } = await rotationSetup(settleSeconds(REFRESH_SECONDS) + 1);
    const before = parseKeySet(secret.value()!);
    const token = secret.startRotation();

    await runRotation(deps, token);

    const after = parseKeySet(secret.value()!);
    expect(secret.versions.find((v) => v.stages.includes('AWSCURRENT'))!.id).toBe(token);
    expect(kid(after.current)).toBe(kid(before.next));
    expect(publishedKeys(after).map((k) => k.kid)).toEqual([kid(before.current), kid(after.next)]);
    expect(parseKeySet(secret.value('AWSPREVIOUS')!)).toEqual(before);
  });

  it('When the current set is younger than that (some tasks may not publish its next key yet), then the rotation fails before writing, saying when to retry and naming the runbook', async () => {
    const { secret, deps, written } = await rotationSetup(settleSeconds(REFRESH_SECONDS) - 1);
    const current = secret.value();
    const token = secret.startRotation();
    const retryAfter = new Date(written.getTime() + settleSeconds(REFRESH_SECONDS) * 1000);

    await expect(
      rotate(deps, { SecretId: SECRET, ClientRequestToken: token, Step: 'createSecret' }),
    ).rejects.toThrow(
      new RegExp(
        `written ${written.toISOString()}, less than 660 s ago: users tasks re-read it every 300 s.*` +
          `Rotate again after ${retryAfter.toISOString()} \\(runbook rotate-signing-key\\)`,
      ),
    );
    expect(secret.value()).toBe(current);
    expect(secret.value('AWSPENDING')).toBeUndefined();
  });

  it('When the stack gives the rotation no refresh interval, then it refuses to guess', () => {
    expect(() => refreshSecondsOf({})).toThrow('SIGNING_KEY_REFRESH_SECONDS: required');
    expect(refreshSecondsOf({ SIGNING_KEY_REFRESH_SECONDS: '300' })).toBe(300);
  });

  it('When createSecret is retried, then the pending set is written once', async () => {
    const { secret, deps } = await rotationSetup();
    const token = secret.startRotation();
    const event = { SecretId: SECRET, ClientRequestToken: token, Step: 'createSecret' as const };
    await rotate(deps, event);
    const pending = secret.value('AWSPENDING');
    await rotate(deps, event);
    expect(secret.value('AWSPENDING')).toBe(pending);
  });

  it('When the pending set does not sign with the published next key, then testSecret fails and the current set stays', async () => {
    const { secret, deps } = await rotationSetup();
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
    const { secret, deps } = await rotationSetup();
    secret.rotationEnabled = false;
    await expect(
      rotate(deps, { SecretId: SECRET, ClientRequestToken: secret.startRotation(), Step: 'createSecret' }),
    ).rejects.toThrow('rotation is not enabled');
  });
});
