import { describe, expect, it } from 'vitest';
import { internalApiKeys, LOCAL_INTERNAL_API_KEY } from '../src/public/auth.js';
import { loadConfig } from '../src/public/config.js';
import { issuesOf, PRODUCTION_BASE, REAL_KEY } from './support/production-env.js';

const load = (env: NodeJS.ProcessEnv) => () => loadConfig(0, {}, env);

describe('the internal service key in production', () => {
  it('When production starts without INTERNAL_API_KEY, then a ConfigError names the variable', () => {
    const issues = issuesOf(load({ ...PRODUCTION_BASE }));
    expect(issues).toEqual([expect.stringMatching(/^INTERNAL_API_KEY: required in the cloud/)]);
  });

  it('When production is given the public local default, then it is refused like a missing key', () => {
    const current = issuesOf(load({ ...PRODUCTION_BASE, INTERNAL_API_KEY: LOCAL_INTERNAL_API_KEY }));
    expect(current.join()).toMatch(/^INTERNAL_API_KEY:/);
    const previous = issuesOf(
      load({
        ...PRODUCTION_BASE,
        INTERNAL_API_KEY: REAL_KEY,
        INTERNAL_API_KEY_PREVIOUS: LOCAL_INTERNAL_API_KEY,
      }),
    );
    expect(previous.join()).toMatch(/^INTERNAL_API_KEY_PREVIOUS:/);
  });

  it('When production is given a real key, then it starts with it; locally the default still works', () => {
    expect(loadConfig(0, {}, { ...PRODUCTION_BASE, INTERNAL_API_KEY: REAL_KEY }).INTERNAL_API_KEY).toBe(
      REAL_KEY,
    );
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
