import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, newCustomer, register } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
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

  it('When an email has failed 5 times, then even the right password gets 429 with Retry-After', async () => {
    const { customer } = await register(service.url);
    for (let i = 0; i < 5; i += 1) expect((await login(service.url, wrong(customer.email))).status).toBe(401);

    const locked = await login(service.url, customer);

    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
  });

  it('When an unknown email has failed 5 times, then it is locked like a real one', async () => {
    const { email } = newCustomer();
    for (let i = 0; i < 5; i += 1) await login(service.url, wrong(email));

    expect((await login(service.url, wrong(email))).status).toBe(429);
  });

  it('When a login succeeds after 4 failures, then the count starts again', async () => {
    const { customer } = await register(service.url);
    for (let i = 0; i < 4; i += 1) await login(service.url, wrong(customer.email));
    expect((await login(service.url, customer)).status).toBe(200);

    for (let i = 0; i < 4; i += 1) expect((await login(service.url, wrong(customer.email))).status).toBe(401);
    expect((await login(service.url, customer)).status).toBe(200);
  });

  it('When the lockout window has passed, then the right password works again', async () => {
    const shortWindow = await startUsersService({ LOGIN_LOCKOUT_WINDOW_SECONDS: '6' });
    try {
      const { customer } = await register(shortWindow.url);
      for (let i = 0; i < 5; i += 1) await login(shortWindow.url, wrong(customer.email));
      const locked = await login(shortWindow.url, customer);
      expect(locked.status).toBe(429);

      await sleep(Number(locked.headers.get('retry-after')) * 1000 + 1000);

      expect((await login(shortWindow.url, customer)).status).toBe(200);
    } finally {
      await shortWindow.stop();
    }
  });
});
