import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import {
  FORGED_TOKEN_NAMES,
  forgedTokens,
  startTestIssuer,
  type TestIssuer,
} from '@shopeasy/service-kit/testing';
import { createAuthorizer } from '../src/handler.js';
import { loadConfig } from '../src/config.js';

const methodArn = 'arn:aws:execute-api:eu-west-1:111111111111:abc123/v1/GET/v1/users/me';
const adminRoutes = [
  { method: 'POST', path: '/v1/products' },
  { method: 'DELETE', path: '/v1/products/{productId}' },
];

describe('token authorizer', () => {
  let issuer: TestIssuer;
  let authorize: ReturnType<typeof createAuthorizer>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    authorize = createAuthorizer(
      loadConfig({
        JWKS_URL: issuer.jwksUrl,
        JWT_ISSUER: issuer.issuer,
        JWT_AUDIENCE: issuer.audience,
        ADMIN_ROUTES: JSON.stringify(adminRoutes),
      }),
    );
  });
  afterAll(() => issuer.stop());

  it('When a customer presents a valid token, then every route of the stage is allowed except the admin-only ones', async () => {
    const token = await issuer.token({ userId: 'usr_1', role: 'customer' });
    const result = await authorize({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn });
    expect(result.principalId).toBe('usr_1');
    expect(result.context).toEqual({ userId: 'usr_1', role: 'customer' });
    const stage = 'arn:aws:execute-api:eu-west-1:111111111111:abc123/v1';
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [`${stage}/*/*`] },
      {
        Action: 'execute-api:Invoke',
        Effect: 'Deny',
        Resource: [`${stage}/POST/v1/products`, `${stage}/DELETE/v1/products/*`],
      },
    ]);
  });

  it('When an admin presents a valid token, then nothing is denied', async () => {
    const token = await issuer.token({ userId: 'usr_admin', role: 'admin' });
    const result = await authorize({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn });
    expect(result.policyDocument.Statement.map((s) => s.Effect)).toEqual(['Allow']);
  });

  it.each([
    [
      'an expired token',
      (i: TestIssuer) => i.token({ userId: 'usr_1', expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    ],
    ['a token signed by an unknown key', (i: TestIssuer) => i.foreignToken({ userId: 'usr_1' })],
    ['no token', async () => ''],
  ])('When the caller presents %s, then API Gateway is told Unauthorized (401)', async (_name, make) => {
    const token = await make(issuer);
    const event = {
      type: 'TOKEN' as const,
      authorizationToken: token ? `Bearer ${token}` : undefined,
      methodArn,
    };
    await expect(authorize(event)).rejects.toThrow(/^Unauthorized$/);
  });

  it.each(FORGED_TOKEN_NAMES)(
    'When the caller presents a token with %s, then API Gateway is told Unauthorized (401)',
    async (name) => {
      const make = new Map(forgedTokens(issuer)).get(name)!;
      const event = { type: 'TOKEN' as const, authorizationToken: `Bearer ${await make()}`, methodArn };
      await expect(authorize(event)).rejects.toThrow(/^Unauthorized$/);
    },
  );

  it('When a token is sent without the Bearer scheme, then it is refused', async () => {
    const token = await issuer.token({ userId: 'usr_1' });
    await expect(authorize({ type: 'TOKEN', authorizationToken: token, methodArn })).rejects.toThrow(
      'Unauthorized',
    );
  });

  it('When tokens are bad, then they count as rejected; when the keys cannot be fetched, then as a fault and the invocation fails', async () => {
    const counted: string[] = [];
    const metrics = { count: (name: string) => counted.push(name) } as unknown as ServiceMetrics;
    const config = (jwks: string) =>
      loadConfig({ JWKS_URL: jwks, JWT_ISSUER: issuer.issuer, JWT_AUDIENCE: issuer.audience });
    const token = await issuer.token({ userId: 'usr_1' });
    const event = { type: 'TOKEN' as const, authorizationToken: `Bearer ${token}`, methodArn };

    const healthy = createAuthorizer(config(issuer.jwksUrl), undefined, metrics);
    await expect(healthy({ ...event, authorizationToken: 'Bearer not-a-token' })).rejects.toThrow(
      /^Unauthorized$/,
    );
    expect(counted).toEqual(['TokensRejected']);

    // Nothing listens on port 9 here: the keys cannot be fetched, whatever the token.
    const broken = createAuthorizer(config('http://127.0.0.1:9/jwks.json'), undefined, metrics);
    const failure: unknown = await broken(event).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toBe('Unauthorized');
    expect(counted).toEqual(['TokensRejected', 'AuthorizerFaults']);
  });

  it('When the JWKS URL is missing from the environment, then start-up fails naming it', () => {
    expect(() => loadConfig({ JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' })).toThrow(/JWKS_URL/);
  });
});
