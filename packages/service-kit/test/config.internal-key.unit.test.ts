import { describe, expect, it } from 'vitest';
import { internalApiKeys, LOCAL_INTERNAL_API_KEY } from '../src/public/auth.js';
import { ConfigError, loadConfig } from '../src/public/config.js';

const REAL_KEY = 'a-real-key-from-secrets-manager-0123456789';
// What the task definition gives every service besides its key (resource variables aside).
const PRODUCTION = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  AWS_REGION: 'eu-west-1',
  JWKS_URL: 'http://internal-alb.example:8081/v1/.well-known/jwks.json',
  JWT_ISSUER: 'https://auth.shopeasy.example',
  JWT_AUDIENCE: 'shopeasy-api',
};
const load = (env: NodeJS.ProcessEnv) => () => loadConfig(0, {}, env);

function issuesOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('the internal service key in production', () => {
  it('When production starts without INTERNAL_API_KEY, then a ConfigError names the variable', () => {
    const issues = issuesOf(load({ ...PRODUCTION }));
    expect(issues).toEqual([expect.stringMatching(/^INTERNAL_API_KEY: required in production/)]);
  });

  it('When production is given the public local default, then it is refused like a missing key', () => {
    const current = issuesOf(load({ ...PRODUCTION, INTERNAL_API_KEY: LOCAL_INTERNAL_API_KEY }));
    expect(current.join()).toMatch(/^INTERNAL_API_KEY:/);
    const previous = issuesOf(
      load({
        ...PRODUCTION,
        INTERNAL_API_KEY: REAL_KEY,
        INTERNAL_API_KEY_PREVIOUS: LOCAL_INTERNAL_API_KEY,
      }),
    );
    expect(previous.join()).toMatch(/^INTERNAL_API_KEY_PREVIOUS:/);
  });

  it('When production is given a real key, then it starts with it; locally the default still works', () => {
    expect(loadConfig(0, {}, { ...PRODUCTION, INTERNAL_API_KEY: REAL_KEY }).INTERNAL_API_KEY).toBe(REAL_KEY);
    expect(loadConfig(0, {}, {}).INTERNAL_API_KEY).toBe(LOCAL_INTERNAL_API_KEY);
  });
});

describe('keys accepted during a rotation', () => {
  it('When a previous key is set, then both are accepted; when it is empty, only the current one', () => {
    const rotating = loadConfig(
      0,
      {},
      { INTERNAL_API_KEY: REAL_KEY, INTERNAL_API_KEY_PREVIOUS: `${REAL_KEY}-old` },
    );
    expect(internalApiKeys(rotating)).toEqual([REAL_KEY, `${REAL_KEY}-old`]);
    const settled = loadConfig(0, {}, { INTERNAL_API_KEY: REAL_KEY, INTERNAL_API_KEY_PREVIOUS: '' });
    expect(internalApiKeys(settled)).toEqual([REAL_KEY]);
  });

  it('When the previous key is too short to be a real secret, then a ConfigError names it', () => {
    const issues = issuesOf(load({ INTERNAL_API_KEY: REAL_KEY, INTERNAL_API_KEY_PREVIOUS: 'short' }));
    expect(issues.join()).toMatch(/^INTERNAL_API_KEY_PREVIOUS:/);
  });
});
