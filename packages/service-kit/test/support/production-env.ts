import { expect } from 'vitest';
import { ConfigError } from '../../src/public/config.js';

/** What a task definition gives every service besides its own resources and its internal key. */
export const PRODUCTION_BASE = {
  NODE_ENV: 'production',
  HOST: '0.0.0.0',
  AWS_REGION: 'eu-west-1',
  JWKS_URL: 'http://internal-alb.example:8081/v1/.well-known/jwks.json',
  JWT_ISSUER: 'https://auth.shopeasy.example',
  JWT_AUDIENCE: 'shopeasy-api',
};

/** A key as Secrets Manager holds it: long enough, and not the public local default. */
export const REAL_KEY = 'a-real-key-from-secrets-manager-0123456789';

/** The issues of the ConfigError `attempt` throws; fails the test when it throws none. */
export function issuesOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}
