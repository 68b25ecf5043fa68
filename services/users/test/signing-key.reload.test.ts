import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { eventually } from '@shopeasy/service-kit/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, exportSigningJwk, generateSigningKey, loadUsersConfig, wireUsers } from '../src/index.js';
import { login, signedInCustomer } from './support/factories.js';
import { call } from './support/http.js';

const secrets = new SecretsManagerClient({
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
afterAll(() => secrets.destroy());

/** Three keys; a set as the jwt-signing-key secret holds it: current signs, the others are published. */
async function keys() {
  const made = await Promise.all([1, 2, 3].map(() => generateSigningKey()));
  const jwk = async (i: number) => JSON.stringify(await exportSigningJwk(made[i]!));
  const set = async (current: number, next: number, published: number[]) =>
    JSON.stringify({
      current: await jwk(current),
      next: await jwk(next),
      published: JSON.stringify({ keys: published.map((i) => made[i]!.publicJwk) }),
    });
  return { kids: made.map((k) => k.kid), first: await set(0, 1, [1]), rotated: await set(1, 2, [0, 2]) };
}

/** The users service reloading its key set from a secret of its own in the emulator, every second. */
async function serviceWithSecret(first: string) {
  const secretId = `shopeasy/test/jwt-signing-key-${randomUUID()}`;
  await secrets.send(new CreateSecretCommand({ Name: secretId, SecretString: first }));
  const set = JSON.parse(first) as { current: string; published: string };
  const config = loadUsersConfig({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    JWT_SIGNING_KEY: set.current,
    JWT_PREVIOUS_PUBLIC_KEYS: set.published,
    JWT_SIGNING_KEY_SECRET_ID: secretId,
    SIGNING_KEY_REFRESH_SECONDS: '1',
  });
  const errors: string[] = [];
  const sink = new Writable({
    write(line: Buffer, _encoding, done) {
      const entry = JSON.parse(line.toString()) as { level: string; msg: string };
      if (entry.level === 'error') errors.push(entry.msg);
      done();
    },
  });
  const wired = await wireUsers(config, createLogger('users', 'error', sink), { metrics: false });
  const running = await startServer(await buildApp(wired.deps), 0);
  return {
    url: running.url,
    errors,
    put: (value: string) =>
      secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value })),
    stop: async () => {
      await running.close(1000);
      await wired.close();
      await secrets.send(new DeleteSecretCommand({ SecretId: secretId, ForceDeleteWithoutRecovery: true }));
    },
  };
}

let service: Awaited<ReturnType<typeof serviceWithSecret>> | undefined;
afterAll(() => service?.stop());

const published = async (url: string) =>
  (await call<{ keys: { kid: string }[] }>(url, 'GET', '/v1/.well-known/jwks.json')).body.keys.map(
    (k) => k.kid,
  );
const signingKid = (token: string) => decodeProtectedHeader(token).kid;

describe('signing key set reloaded from Secrets Manager while the service runs', () => {
  let set: Awaited<ReturnType<typeof keys>>;
  beforeAll(async () => {
    set = await keys();
    service = await serviceWithSecret(set.first);
  });

  it('When a rotation writes a new set into the secret, then within the refresh interval the service signs with the new key and publishes the new set, without a restart', async () => {
    const { url } = service!;
    const { customer, tokens: before } = await signedInCustomer(url);
    expect(signingKid(before.accessToken)).toBe(set.kids[0]);
    expect(await published(url)).toEqual([set.kids[0], set.kids[1]]);

    await service!.put(set.rotated);

    await eventually(
      async () => expect(await published(url)).toEqual([set.kids[1], set.kids[0], set.kids[2]]),
      {
        timeoutMs: 5000,
      },
    );
    const after = (await login(url, customer)).body;
    expect(signingKid(after.accessToken)).toBe(set.kids[1]);
    expect((await call(url, 'GET', '/v1/users/me', { token: after.accessToken })).status).toBe(200);
    // A token signed before the rotation still works until it expires: its key stays published.
    expect((await call(url, 'GET', '/v1/users/me', { token: before.accessToken })).status).toBe(200);
  });

  it('When the secret holds something that is not a key set, then the service logs an error, keeps signing with the set in use, and never makes a key of its own', async () => {
    const { url } = service!;
    const kidsBefore = await published(url);
    const { customer } = await signedInCustomer(url);
    const signer = signingKid((await login(url, customer)).body.accessToken);

    await service!.put('q7WlX0sYb3kRkq8dN1vR5pZ2mH6cJ4tA');

    await eventually(
      () =>
        expect(service!.errors).toContain('signing key set reload failed: still signing with the set in use'),
      {
        timeoutMs: 5000,
      },
    );
    expect(await published(url)).toEqual(kidsBefore);
    expect(signingKid((await login(url, customer)).body.accessToken)).toBe(signer);
  });
});
