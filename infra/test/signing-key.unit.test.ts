import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { ensureSigningKey } from '../lib/functions/signing-key-resource.js';
import {
  initialKeySet,
  newSigningJwk,
  parseKeySet,
  publishedKeys,
  rotatedKeySet,
  type SigningKeySet,
} from '../lib/functions/signing-key-set.js';
// The users service's own key loading: what its tasks do with the two variables.
import { createTokenService } from '../../services/users/src/domain/token-service.js';
import { previousPublicKeys, signingKeyFromJwk } from '../../services/users/src/domain/signing-key.js';
import { FakeSecret } from './support/fake-secrets.js';

/** A users task started with this key set: JWT_SIGNING_KEY = current, JWT_PREVIOUS_PUBLIC_KEYS = published. */
async function usersTask(set: SigningKeySet) {
  return createTokenService({
    issuer: 'https://auth.shopeasy.test',
    audience: 'shopeasy-api',
    accessTtlSeconds: 900,
    refreshTtlSeconds: 3600,
    key: await signingKeyFromJwk(set.current),
    previousKeys: previousPublicKeys(set.published),
  });
}

const user = { id: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN', email: 'ada@shopeasy.test', role: 'customer' as const };
const kid = (text: string) => (JSON.parse(text) as JWK).kid;

describe('the signing key set the stack generates and rotates', () => {
  it('When a key set is generated, then the users service loads its current key and published keys, and signs ES256 tokens with the key id', async () => {
    const set = await initialKeySet();
    const jwk = JSON.parse(set.current) as JWK;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwk.d).toBeTruthy();

    const task = await usersTask(set);
    const token = await task.issueAccessToken(user);
    const { protectedHeader, payload } = await jwtVerify(token, createLocalJWKSet(task.jwks()));
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwk.kid });
    expect(payload.sub).toBe(user.id);
    // Only public keys leave the secret: current and next.
    expect(task.jwks().keys.map((k) => k.kid)).toEqual([jwk.kid, kid(set.next)]);
    expect(JSON.stringify(task.jwks())).not.toContain('"d"');
  });

  it('When the key set is rotated, then tasks started before and after accept each other’s tokens', async () => {
    const before = await initialKeySet();
    const after = await rotatedKeySet(before);
    expect(kid(after.current)).toBe(kid(before.next));
    expect(publishedKeys(after).map((k) => k.kid)).toEqual([kid(before.current), kid(after.next)]);

    const [oldTask, newTask] = [await usersTask(before), await usersTask(after)];
    const fromOld = await oldTask.issueAccessToken(user);
    const fromNew = await newTask.issueAccessToken(user);
    await expect(jwtVerify(fromOld, createLocalJWKSet(newTask.jwks()))).resolves.toBeTruthy();
    await expect(jwtVerify(fromNew, createLocalJWKSet(oldTask.jwks()))).resolves.toBeTruthy();
  });

  it('When a task lives through two rotations, then its tokens no longer verify at the newest tasks: why a rotation waits until every task has re-read the current set', async () => {
    const first = await initialKeySet();
    const third = await rotatedKeySet(await rotatedKeySet(first));
    const stale = await (await usersTask(first)).issueAccessToken(user);
    await expect(jwtVerify(stale, createLocalJWKSet((await usersTask(third)).jwks()))).rejects.toThrow();
  });

  it('When a secret value is not a key set, then reading it fails without echoing key material', async () => {
    const set = await initialKeySet();
    const jwk = await newSigningJwk();
    expect(() => parseKeySet('UNSET')).toThrow('not JSON');
    expect(() => parseKeySet(JSON.stringify(jwk))).toThrow(/current key/);
    expect(() => parseKeySet(JSON.stringify({ ...set, published: JSON.stringify({ keys: [jwk] }) }))).toThrow(
      /private key/,
    );
    expect(() => parseKeySet(JSON.stringify({ ...set, published: '{"keys":[]}' }))).toThrow(
      'next key is not published',
    );
    const wrongCurve = () =>
      parseKeySet(JSON.stringify({ ...set, current: JSON.stringify({ ...jwk, crv: 'P-384' }) }));
    expect(wrongCurve).toThrow('the current key is not a private EC P-256 JWK with a kid');
    expect(wrongCurve).not.toThrow(String(jwk.d));
  });
});

describe('infra/scripts/generate-signing-key.mjs (a fresh set after a leak)', () => {
  it('When it runs, then it prints a key set the users service loads, and with --jwk a single private key', async () => {
    const script = fileURLToPath(new URL('../scripts/generate-signing-key.mjs', import.meta.url));
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { timeout: 30_000 });

    const set = parseKeySet((await run()).stdout);
    await expect(usersTask(set)).resolves.toBeTruthy();
    const jwk = (await run('--jwk')).stdout;
    await expect(signingKeyFromJwk(jwk)).resolves.toMatchObject({ kid: kid(jwk) });
  });
});

describe('the custom resource that prepares the secret', () => {
  it('When the secret is empty, then it writes a key set once, under the request id', async () => {
    const secret = new FakeSecret();
    expect(await ensureSigningKey(secret, 'shopeasy/dev/jwt-signing-key', 'request-1')).toBe('generated');
    expect(await ensureSigningKey(secret, 'shopeasy/dev/jwt-signing-key', 'request-2')).toBe('kept');

    expect(secret.versions).toHaveLength(1);
    expect(secret.versions[0]!.id).toBe('request-1');
    await expect(signingKeyFromJwk(parseKeySet(secret.value()!).current)).resolves.toBeTruthy();
  });

  it('When the secret already holds a key set, then an update keeps it as it is', async () => {
    const existing = JSON.stringify(await initialKeySet());
    const secret = new FakeSecret(existing);
    expect(await ensureSigningKey(secret, 'shopeasy/prod/jwt-signing-key', 'update-1')).toBe('kept');
    expect(secret.value()).toBe(existing);
    expect(secret.calls).not.toContain('PutSecretValueCommand');
  });

  it('When the secret holds a single key an operator put there, then that key stays the signing key', async () => {
    const jwk = await newSigningJwk();
    const secret = new FakeSecret(JSON.stringify(jwk));
    expect(await ensureSigningKey(secret, 'shopeasy/prod/jwt-signing-key', 'update-2')).toBe('wrapped');
    expect(kid(parseKeySet(secret.value()!).current)).toBe(jwk.kid);
  });

  it.each([
    ['a generated password (what earlier stacks created)', 'q7WlX0sYb3kRkq8dN1vR5pZ2mH6cJ4tA', 'not JSON'],
    [
      'a key set a hand edit broke',
      '{"current":"{}","next":"{}","published":"{}"}',
      'the current key is not',
    ],
    ['a public key only', '{"kty":"EC","crv":"P-256","x":"x","y":"y","kid":"k"}', 'the current key is not'],
  ])(
    'When the secret holds %s, then the resource fails naming the secret and why, and writes nothing',
    async (_case, value, why) => {
      const secret = new FakeSecret(value);
      const run = ensureSigningKey(secret, 'shopeasy/staging/jwt-signing-key', 'update-3');

      await expect(run).rejects.toThrow(
        new RegExp(`^secret shopeasy/staging/jwt-signing-key holds neither a signing key set.*${why}`),
      );
      expect(secret.value()).toBe(value);
      expect(secret.calls).not.toContain('PutSecretValueCommand');
    },
  );
});
