import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { createAuthorizer } from '../src/handler.js';
import { loadConfig } from '../src/config.js';

const methodArn = 'arn:aws:execute-api:eu-west-1:111111111111:abc123/v1/GET/v1/cart';
const stage = 'arn:aws:execute-api:eu-west-1:111111111111:abc123/v1';

describe('REQUEST authorizer of the guest-cart operations (X-Cart-Token)', () => {
  let issuer: TestIssuer;
  let authorize: ReturnType<typeof createAuthorizer>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    authorize = createAuthorizer(
      loadConfig({ JWKS_URL: issuer.jwksUrl, JWT_ISSUER: issuer.issuer, JWT_AUDIENCE: issuer.audience }),
    );
  });
  afterAll(() => issuer.stop());

  const request = (headers: Record<string, string>) => ({ type: 'REQUEST' as const, methodArn, headers });

  it('When only X-Cart-Token is sent, then the guest may call that one method and nothing else', async () => {
    const result = await authorize(request({ 'X-Cart-Token': 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA' }));

    expect(result.principalId).toBe('guest');
    expect(result.context).toEqual({ userId: '', role: 'guest' });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [methodArn] },
    ]);
  });

  it('When a bearer token is sent, then it is checked as by the token authorizer, cart token or not', async () => {
    const token = await issuer.token({ userId: 'usr_1', role: 'customer' });

    const result = await authorize(request({ authorization: `Bearer ${token}`, 'x-cart-token': 'abc' }));

    expect(result.context).toEqual({ userId: 'usr_1', role: 'customer' });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${stage}/*/*`] },
    ]);
  });

  it.each([
    [
      'a bad bearer token beside a cart token',
      { Authorization: 'Bearer not-a-token', 'X-Cart-Token': 'abc' },
    ],
    ['neither header', {}],
    ['an empty cart token', { 'X-Cart-Token': '' }],
  ])('When the request carries %s, then API Gateway is told Unauthorized (401)', async (_name, headers) => {
    await expect(authorize(request(headers))).rejects.toThrow(/^Unauthorized$/);
  });
});
