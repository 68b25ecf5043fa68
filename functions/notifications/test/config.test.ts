import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('When nothing is set on a laptop, then the emulator defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SES_FROM: 'no-reply@shopeasy.example',
      EMAILS_TABLE: 'shopeasy-local-emails',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      CLAIM_LEASE_SECONDS: 60,
    });
  });

  it('When running in Lambda without table and sender, then the cold start fails naming both', () => {
    const env = { AWS_LAMBDA_FUNCTION_NAME: 'shopeasy-prod-notifications', AWS_REGION: 'eu-west-1' };
    expect(() => loadConfig(env)).toThrow(/SES_FROM.*EMAILS_TABLE|EMAILS_TABLE.*SES_FROM/);
  });

  it('When local defaults are off (the local stack), then a variable its template lacks fails naming it', () => {
    const env = { LOCAL_DEFAULTS: 'off', AWS_REGION: 'us-east-1', SES_FROM: 'no-reply@dev.shopeasy.example' };
    expect(() => loadConfig(env)).toThrow(/EMAILS_TABLE/);
    expect(loadConfig({ ...env, EMAILS_TABLE: 'shopeasy-local-emails' }).AWS_ENDPOINT_URL).toBeUndefined();
  });

  it('When running in Lambda with its variables, then no emulator endpoint is assumed', () => {
    const config = loadConfig({
      AWS_LAMBDA_FUNCTION_NAME: 'shopeasy-prod-notifications',
      AWS_REGION: 'eu-west-1',
      SES_FROM: 'orders@shopeasy.com',
      EMAILS_TABLE: 'shopeasy-prod-emails',
    });
    expect(config.AWS_ENDPOINT_URL).toBeUndefined();
  });

  it('When the sender is not an address or the lease is not a number, then the error names the variable', () => {
    expect(() => loadConfig({ SES_FROM: 'shop' })).toThrow(/SES_FROM/);
    expect(() => loadConfig({ CLAIM_LEASE_SECONDS: 'soon' })).toThrow(/CLAIM_LEASE_SECONDS/);
  });

  it('When AWS_ENDPOINT_URL is set empty on a laptop, then the real AWS endpoints are used', () => {
    expect(loadConfig({ AWS_ENDPOINT_URL: '' }).AWS_ENDPOINT_URL).toBeUndefined();
  });
});
