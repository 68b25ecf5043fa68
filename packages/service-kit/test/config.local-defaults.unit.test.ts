import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, localDefault, parseConfig } from '../src/public/config.js';
import { issuesOf, PRODUCTION_BASE, REAL_KEY } from './support/production-env.js';

const shape = {
  ORDERS_TABLE: localDefault(z.string().min(1), 'shopeasy-local-orders'),
  CATALOG_URL: localDefault(z.url(), 'http://127.0.0.1:8082'),
  RETRIES: z.coerce.number().int().default(3),
};
const cloud = {
  ...PRODUCTION_BASE,
  INTERNAL_API_KEY: REAL_KEY,
  ORDERS_TABLE: 'shopeasy-prod-orders',
  CATALOG_URL: 'http://internal-alb.example:8082',
};

describe('defaults that are only local', () => {
  it('When nothing is set outside production, then the local defaults apply', () => {
    const config = loadConfig(8084, shape, {});
    expect(config).toMatchObject({
      ORDERS_TABLE: 'shopeasy-local-orders',
      CATALOG_URL: 'http://127.0.0.1:8082',
      HOST: '127.0.0.1',
      JWKS_URL: 'http://127.0.0.1:8081/v1/.well-known/jwks.json',
    });
  });

  it('When production leaves out variables whose default is local, then one ConfigError names each of them', () => {
    const { ORDERS_TABLE: _table, HOST: _host, JWKS_URL: _jwks, ...partial } = cloud;
    const issues = issuesOf(() => loadConfig(8084, shape, partial));
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['HOST', 'JWKS_URL', 'ORDERS_TABLE']);
    expect(issues[0]).toMatch(/required in the cloud/);
  });

  it('When production sets them, then their values are used and ordinary defaults still apply', () => {
    expect(loadConfig(8084, shape, cloud)).toMatchObject({
      ORDERS_TABLE: 'shopeasy-prod-orders',
      CATALOG_URL: 'http://internal-alb.example:8082',
      RETRIES: 3,
    });
  });

  it('When a service adds production rules of its own, then parseConfig hands over the problems found so far', () => {
    const { ORDERS_TABLE: _table, ...partial } = cloud;
    const { config, problems } = parseConfig(8084, shape, partial);
    expect(problems).toEqual([expect.stringMatching(/^ORDERS_TABLE: required in the cloud/)]);
    expect(config.CATALOG_URL).toBe('http://internal-alb.example:8082');
  });

  it('When local defaults are off outside production, then the cloud rules apply: unset ones are named, the public key refused', () => {
    const issues = issuesOf(() => loadConfig(8084, shape, { NODE_ENV: 'test', LOCAL_DEFAULTS: 'off' }));
    expect(issues.map((issue) => issue.split(':')[0]).sort()).toEqual([
      'AWS_REGION',
      'CATALOG_URL',
      'HOST',
      'INTERNAL_API_KEY',
      'JWKS_URL',
      'JWT_AUDIENCE',
      'JWT_ISSUER',
      'ORDERS_TABLE',
    ]);
    const { NODE_ENV: _production, ...given } = cloud;
    expect(loadConfig(8084, shape, { ...given, NODE_ENV: 'test', LOCAL_DEFAULTS: 'off' })).toMatchObject({
      NODE_ENV: 'test',
      ORDERS_TABLE: 'shopeasy-prod-orders',
    });
  });
});
