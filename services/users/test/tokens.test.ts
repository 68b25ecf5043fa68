import { decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, signedInCustomer, type TokenPair } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
});
afterAll(() => service?.stop());

const refresh = (refreshToken: string) =>
  call<TokenPair>(service.url, 'POST', '/v1/auth/refresh', { body: { refreshToken } });
const logout = (refreshToken: string) =>
  call(service.url, 'POST', '/v1/auth/logout', { body: { refreshToken } });
const me = (token: string) => call(service.url, 'GET', '/v1/users/me', { token });

/** A token signed with the service's own key that differs from a real one only in `claims`. */
function forge(userId: string, claims: { audience?: string; issuedAt?: number; expiresAt?: number }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'customer' })
    .setProtectedHeader({ alg: 'ES256', kid: service.signingKey.kid, typ: 'at+jwt' })
    .setSubject(userId)
    .setIssuer(service.config.JWT_ISSUER)
    .setAudience(claims.audience ?? service.config.JWT_AUDIENCE)
    .setIssuedAt(claims.issuedAt ?? now)
    .setExpirationTime(claims.expiresAt ?? now + 600)
    .sign(service.signingKey.privateKey);
}

describe('POST /v1/auth/refresh and /v1/auth/logout', () => {
  it('When a refresh token is exchanged, then a new pair works and the old refresh token no longer does', async () => {
    const { user, tokens } = await signedInCustomer(service.url);

    const rotated = await refresh(tokens.refreshToken);

    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(tokens.refreshToken);
    expect((await me(rotated.body.accessToken)).body).toMatchObject({ id: user.id });
    const replay = await refresh(tokens.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ type: 'https://shopeasy.example/problems/invalid-refresh-token' });
  });

  it('When a rotated refresh token is presented again, then the whole family is revoked, newest token included', async () => {
    const { tokens } = await signedInCustomer(service.url);
    const second = (await refresh(tokens.refreshToken)).body;
    const third = (await refresh(second.refreshToken)).body;

    expect((await refresh(tokens.refreshToken)).status).toBe(401);

    expect((await refresh(third.refreshToken)).status).toBe(401);
  });

  it("When one session's family is revoked, then the same user's other session keeps working", async () => {
    const { customer, tokens } = await signedInCustomer(service.url);
    const other = (await login(service.url, customer)).body;
    await refresh(tokens.refreshToken);
    await refresh(tokens.refreshToken);

    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('When a customer logs out, then the refresh token is dead and logging out again still answers 204', async () => {
    const { tokens } = await signedInCustomer(service.url);
    const rotated = (await refresh(tokens.refreshToken)).body;

    expect((await logout(rotated.refreshToken)).status).toBe(204);

    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await logout(rotated.refreshToken)).status).toBe(204);
  });

  it('When an unknown refresh token is presented, then refresh answers 401 and logout 204', async () => {
    const unknown = `rt_${'x'.repeat(43)}`;

    expect((await refresh(unknown)).status).toBe(401);
    expect((await logout(unknown)).status).toBe(204);
  });
});

describe('access tokens on GET /v1/users/me', () => {
  it('When a character of the signature is changed, then the token gets 401', async () => {
    const { tokens } = await signedInCustomer(service.url);
    const [header, payload, signature] = tokens.accessToken.split('.') as [string, string, string];
    // A middle character: the last one may only carry padding bits.
    const i = 20;
    const flipped = signature.slice(0, i) + (signature[i] === 'A' ? 'B' : 'A') + signature.slice(i + 1);

    const reply = await me(`${header}.${payload}.${flipped}`);

    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    [
      'has expired',
      () => ({
        issuedAt: Math.floor(Date.now() / 1000) - 3600,
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      }),
    ],
    ['is for another audience', () => ({ audience: 'some-other-api' })],
  ])('When the token %s, then it gets 401 although the signature is valid', async (_case, claims) => {
    const { user } = await signedInCustomer(service.url);
    expect((await me(await forge(user.id, {}))).status).toBe(200);

    expect((await me(await forge(user.id, claims()))).status).toBe(401);
  });

  it('When there is no token, then the profile gets 401 with a Bearer challenge', async () => {
    const reply = await call(service.url, 'GET', '/v1/users/me');

    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('Bearer');
  });
});

describe('GET /v1/.well-known/jwks.json', () => {
  it('When the keys are fetched, then they include the kid of issued tokens and may be cached for 5 minutes', async () => {
    const { tokens } = await signedInCustomer(service.url);

    const reply = await call<{ keys: { kid: string; kty: string; alg: string; d?: string }[] }>(
      service.url,
      'GET',
      '/v1/.well-known/jwks.json',
    );

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('public, max-age=300');
    const kid = decodeProtectedHeader(tokens.accessToken).kid;
    expect(reply.body.keys).toContainEqual(
      expect.objectContaining({ kid, kty: 'EC', alg: 'ES256', use: 'sig' }),
    );
    expect(reply.body.keys.every((k) => k.d === undefined)).toBe(true);
  });
});
