import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../src/index.js';
import { accountsWithEmail } from './support/accounts.js';
import { login, register } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
});
afterAll(() => service?.stop());

describe('admin account at start-up', () => {
  it('When the service has started with the local defaults, then the admin logs in with role admin', async () => {
    const reply = await login(service.url, LOCAL_ADMIN);

    expect(reply.status).toBe(200);
    expect(decodeJwt(reply.body.accessToken)).toMatchObject({ role: 'admin', email: LOCAL_ADMIN.email });
    const me = await call(service.url, 'GET', '/v1/users/me', { token: reply.body.accessToken });
    expect(me.body).toMatchObject({ email: LOCAL_ADMIN.email, role: 'admin' });
  });

  it('When three instances start at once with a new admin email, then there is one admin and its password works', async () => {
    const admin = {
      ADMIN_EMAIL: `ops-${Date.now()}@shopeasy.example`,
      ADMIN_PASSWORD: 'a-fresh-admin-password',
    };
    const instances = await Promise.all([1, 2, 3].map(() => startUsersService(admin)));
    try {
      const duplicate = await call(service.url, 'POST', '/v1/auth/register', {
        body: { email: admin.ADMIN_EMAIL, password: 'another-long-password', name: 'Impostor' },
      });
      expect(duplicate.status).toBe(409);
      const reply = await login(instances[2]!.url, {
        email: admin.ADMIN_EMAIL,
        password: admin.ADMIN_PASSWORD,
      });
      expect(decodeJwt(reply.body.accessToken)).toMatchObject({ role: 'admin' });
      const accounts = await accountsWithEmail(service.config.USERS_TABLE, admin.ADMIN_EMAIL);
      expect(accounts.map((a) => a.role)).toEqual(['admin']);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  });

  it('When a customer registered the admin email first, then start-up does not make that customer an admin', async () => {
    const { customer } = await register(service.url);

    const later = await startUsersService({
      ADMIN_EMAIL: customer.email,
      ADMIN_PASSWORD: 'the-configured-admin-password',
    });
    try {
      const reply = await login(later.url, customer);
      expect(decodeJwt(reply.body.accessToken)).toMatchObject({ role: 'customer' });
    } finally {
      await later.stop();
    }
  });
});
