import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustomer, register, type TokenPair } from './support/factories.js';
import { call, type Reply } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
});
afterAll(() => service?.stop());

function expectNotStored(reply: Reply<unknown>, what: string) {
  expect({ what, cacheControl: reply.headers.get('cache-control') }).toEqual({
    what,
    cacheControl: 'no-store',
  });
  expect({ what, etag: reply.headers.get('etag') }).toEqual({ what, etag: null });
  expect({ what, nosniff: reply.headers.get('x-content-type-options') }).toEqual({
    what,
    nosniff: 'nosniff',
  });
}

describe('Answers that carry tokens or personal data', () => {
  it('When a customer logs in, refreshes and reads their profile, then no answer may be stored and none has an ETag', async () => {
    const customer = newCustomer();
    await register(service.url, customer);
    const login = await call<TokenPair>(service.url, 'POST', '/v1/auth/login', {
      body: { email: customer.email, password: customer.password },
    });
    expect(login.status).toBe(200);
    expectNotStored(login, 'login');
    const refresh = await call<TokenPair>(service.url, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refresh.status).toBe(200);
    expectNotStored(refresh, 'refresh');
    const me = await call(service.url, 'GET', '/v1/users/me', { token: refresh.body.accessToken });
    expect(me.status).toBe(200);
    expectNotStored(me, 'users/me');
  });

  it('When a new customer registers, then the answer may not be stored', async () => {
    const reply = await call(service.url, 'POST', '/v1/auth/register', { body: newCustomer() });
    expect(reply.status).toBe(201);
    expectNotStored(reply, 'register');
  });

  it('When the public keys are read, then they stay cacheable and carry nosniff', async () => {
    const reply = await call(service.url, 'GET', '/v1/.well-known/jwks.json');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=300');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
