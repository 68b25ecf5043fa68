import { ConfigError } from '@shopeasy/service-kit/config';
import { describe, expect, it } from 'vitest';
import { loadUsersConfig, LOCAL_ADMIN } from '../src/config.js';
import {
  exportSigningJwk,
  generateSigningKey,
  previousPublicKeys,
  signingKeyFromJwk,
} from '../src/domain/signing-key.js';

describe('users configuration', () => {
  it('When nothing is set outside production, then the local defaults apply', () => {
    const config = loadUsersConfig({});

    expect(config).toMatchObject({
      PORT: 8081,
      ADMIN_EMAIL: LOCAL_ADMIN.email,
      ACCESS_TOKEN_TTL_SECONDS: 900,
    });
    expect(config.USERS_TABLE).toBe('shopeasy-local-users');
  });

  it('When production starts without signing key, its secret, its refresh interval and admin credentials, then start-up fails naming each variable', () => {
    const fail = () =>
      loadUsersConfig({ NODE_ENV: 'production', INTERNAL_API_KEY: 'a-real-internal-key-0123456789' });

    expect(fail).toThrow(ConfigError);
    expect(fail).toThrow(/JWT_SIGNING_KEY[\s\S]*ADMIN_EMAIL[\s\S]*ADMIN_PASSWORD/);
    expect(fail).toThrow(/SIGNING_KEY_REFRESH_SECONDS: required in the cloud/);
    expect(fail).toThrow(/JWT_SIGNING_KEY_SECRET_ID: required in production/);
  });

  it('When the access token lifetime is not a number, then start-up fails naming it', () => {
    expect(() => loadUsersConfig({ ACCESS_TOKEN_TTL_SECONDS: 'soon' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });

  it('When nothing sets the password cost, then it is N=2^17 outside tests and 2^15 in tests', () => {
    expect(loadUsersConfig({}).PASSWORD_SCRYPT_LOG_N).toBe(17);
    expect(loadUsersConfig({ NODE_ENV: 'test' }).PASSWORD_SCRYPT_LOG_N).toBe(15);
    expect(loadUsersConfig({ PASSWORD_SCRYPT_LOG_N: '16' }).PASSWORD_SCRYPT_LOG_N).toBe(16);
  });

  it('When production asks for less than 2^17 or more hashes at once than pool threads, then start-up fails naming each', () => {
    const production = {
      NODE_ENV: 'production',
      INTERNAL_API_KEY: 'a-real-internal-key-0123456789',
      JWT_SIGNING_KEY: '{}',
      ADMIN_EMAIL: 'a@b.example',
    };
    const fail = () =>
      loadUsersConfig({
        ...production,
        ADMIN_PASSWORD: 'a-long-admin-password',
        PASSWORD_SCRYPT_LOG_N: '16',
        PASSWORD_HASH_CONCURRENCY: '5',
      });

    expect(fail).toThrow(ConfigError);
    expect(fail).toThrow(/PASSWORD_SCRYPT_LOG_N[\s\S]*PASSWORD_HASH_CONCURRENCY/);
  });
});

describe('signing keys from the environment', () => {
  it('When JWT_SIGNING_KEY holds an exported key, then it loads with the same kid and public half', async () => {
    const original = await generateSigningKey();

    const loaded = await signingKeyFromJwk(JSON.stringify(await exportSigningJwk(original)));

    expect(loaded.kid).toBe(original.kid);
    expect(loaded.publicJwk).toEqual(original.publicJwk);
  });

  it('When JWT_SIGNING_KEY is a public key or not JSON, then start-up fails naming it', async () => {
    const { publicJwk } = await generateSigningKey();

    await expect(signingKeyFromJwk(JSON.stringify(publicJwk))).rejects.toThrow(/JWT_SIGNING_KEY/);
    await expect(signingKeyFromJwk('{not json')).rejects.toThrow(/JWT_SIGNING_KEY/);
  });

  it('When a previous private key is listed as still published, then start-up refuses it', async () => {
    const jwk = await exportSigningJwk(await generateSigningKey());

    expect(() => previousPublicKeys(JSON.stringify([jwk]))).toThrow(/JWT_PREVIOUS_PUBLIC_KEYS/);
    expect(previousPublicKeys(JSON.stringify({ keys: [{ ...jwk, d: undefined }] }))).toHaveLength(1);
  });
});
