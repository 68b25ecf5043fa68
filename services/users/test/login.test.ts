import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, newCustomer, register } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

// The login back-off's clock stands still unless a test moves it.
let now = 1_900_000_000;
let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService({}, () => now);
});
afterAll(() => service?.stop());

const wrong = (email: string) => ({ email, password: 'not-the-right-password' });

describe('POST /v1/auth/login', () => {
  it('When a registered customer logs in, then the access token opens GET /v1/users/me', async () => {
    const { customer, user } = await register(service.url);

    const reply = await login(service.url, { ...customer, email: customer.email.toUpperCase() });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^rt_/),
    });
    expect(decodeProtectedHeader(reply.body.accessToken)).toMatchObject({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: service.signingKey.kid,
    });
    expect(decodeJwt(reply.body.accessToken)).toMatchObject({
      sub: user.id,
      role: 'customer',
      email: customer.email,
      iss: service.config.JWT_ISSUER,
      aud: service.config.JWT_AUDIENCE,
    });
    const me = await call(service.url, 'GET', '/v1/users/me', { token: reply.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(user);
  });

  it('When the password is wrong or the email unknown, then both get the identical 401 problem', async () => {
    const { customer } = await register(service.url);

    const wrongPassword = await login(service.url, wrong(customer.email));
    const unknownEmail = await login(service.url, wrong(newCustomer().email));

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toMatchObject({
      type: 'https://shopeasy.example/problems/invalid-credentials',
    });
  });

  it('When a client has used its free attempts and failed again, then it waits (429 with Retry-After) even with the right password', async () => {
    const { customer } = await register(service.url);
    for (let i = 0; i < 4; i += 1) expect((await login(service.url, wrong(customer.email))).status).toBe(401);

    const waiting = await login(service.url, customer);

    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('content-type')).toContain('application/problem+json');
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.body).toMatchObject({ type: 'https://shopeasy.example/problems/login-backoff' });
  });

  it('When a login succeeds after 3 failures, then the count starts again', async () => {
    const { customer } = await register(service.url);
    for (let i = 0; i < 3; i += 1) await login(service.url, wrong(customer.email));
    expect((await login(service.url, customer)).status).toBe(200);

    for (let i = 0; i < 3; i += 1) expect((await login(service.url, wrong(customer.email))).status).toBe(401);
    expect((await login(service.url, customer)).status).toBe(200);
  });

  it('When the wait has passed, then the right password works again', async () => {
    const { customer } = await register(service.url);
    for (let i = 0; i < 4; i += 1) await login(service.url, wrong(customer.email));
    const waiting = await login(service.url, customer);
    expect(waiting.status).toBe(429);

    now += Number(waiting.headers.get('retry-after'));

    expect((await login(service.url, customer)).status).toBe(200);
  });
});
