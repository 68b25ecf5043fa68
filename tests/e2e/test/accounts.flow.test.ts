import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { clients, failure, newShopper } from './support/shopper.js';
import { resign } from './support/tokens.js';

const { gatewayUrl, env } = inject('stack');

describe('accounts through the gateway', () => {
  it('When a shopper registers and logs in, then GET /v1/users/me answers their profile', async () => {
    const shopper = await newShopper(gatewayUrl, 'Grace Hopper');
    const me = await shopper.api.users.getCurrentUser();
    expect(me).toMatchObject({
      id: shopper.userId,
      email: shopper.email,
      name: 'Grace Hopper',
      role: 'customer',
    });
  });

  it('When a refresh token is used, then it rotates; reusing the old one revokes the whole family', async () => {
    const shopper = await newShopper(gatewayUrl);
    const { auth } = clients(gatewayUrl);
    const second = await auth.refreshTokens({ refreshTokenRequest: { refreshToken: shopper.refreshToken } });
    expect(second.refreshToken).not.toBe(shopper.refreshToken);

    const reuse = await failure(
      auth.refreshTokens({ refreshTokenRequest: { refreshToken: shopper.refreshToken } }),
    );
    expect(reuse.status).toBe(401);
    // The family is revoked: even the newest refresh token no longer works.
    const newest = await failure(
      auth.refreshTokens({ refreshTokenRequest: { refreshToken: second.refreshToken } }),
    );
    expect(newest.status).toBe(401);
  });

  it('When a token is tampered with, expired or missing, then 401 problem+json and nothing changes', async () => {
    const shopper = await newShopper(gatewayUrl, 'Unchanged Name');
    const [header, payload, signature] = shopper.accessToken.split('.');
    const flipped = signature!.startsWith('A') ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.role = 'admin';
    const elevated = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    // Signed with the stack's own key, differing from the real token only in its times.
    expect(env.JWT_SIGNING_KEY, 'the stack signs with TEST_STACK_ENV.JWT_SIGNING_KEY').toBeDefined();
    const now = Math.floor(Date.now() / 1000);
    const expired = resign(shopper.accessToken, env.JWT_SIGNING_KEY!, { iat: now - 3600, exp: now - 60 });
    const current = resign(shopper.accessToken, env.JWT_SIGNING_KEY!, { iat: now - 60, exp: now + 600 });
    // The same token with its expiry ahead is accepted: the 401 below is the expiry's.
    expect(await clients(gatewayUrl, current).users.getCurrentUser()).toMatchObject({ id: shopper.userId });
    for (const token of [`${header}.${payload}.${flipped}`, elevated, expired, 'not-a-token', undefined]) {
      const res = await fetch(`${gatewayUrl}/v1/users/me`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ name: 'Changed' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await shopper.api.users.getCurrentUser()).name).toBe('Unchanged Name');
  });

  it('When a registration body is bad, then 400 names each field and no account exists', async () => {
    const email = `bad-${randomUUID()}@example.com`;
    const res = await fetch(`${gatewayUrl}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'short', name: 'X', admin: true }),
    });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.password', 'body.admin']));
    // Nothing was created: the same email still registers as new.
    const created = await clients(gatewayUrl).auth.registerUser({
      registerRequest: { email, password: 'correct-horse-battery-staple', name: 'X' },
    });
    expect(created.email).toBe(email);
  });

  it('When the same email registers 10 times at once, then exactly one account is created', async () => {
    const email = `race-${randomUUID()}@example.com`;
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${gatewayUrl}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'correct-horse-battery-staple', name: 'Racer' }),
        }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const tokens = await clients(gatewayUrl).auth.login({
      loginRequest: { email, password: 'correct-horse-battery-staple' },
    });
    expect(tokens.accessToken).toBeTruthy();
  });
});
