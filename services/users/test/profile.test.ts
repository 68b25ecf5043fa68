import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, signedInCustomer } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
});
afterAll(() => service?.stop());

const rename = (token: string, body: unknown) => call(service.url, 'PATCH', '/v1/users/me', { token, body });

describe('PATCH /v1/users/me', () => {
  it('When a customer changes the name, then the new name is returned and kept, email and role unchanged', async () => {
    const { user, tokens } = await signedInCustomer(service.url);

    const reply = await rename(tokens.accessToken, { name: '  Ada King ' });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...user, name: 'Ada King' });
    expect((await call(service.url, 'GET', '/v1/users/me', { token: tokens.accessToken })).body).toEqual({
      ...user,
      name: 'Ada King',
    });
  });

  it.each([
    ['the role', { name: 'Ada', role: 'admin' }, 'body.role'],
    ['the email', { name: 'Ada', email: 'other@example.com' }, 'body.email'],
    ['a blank name', { name: '  ' }, 'body.name'],
    ['no name', {}, 'body.name'],
  ])(
    'When the body carries %s, then a 400 problem names the field and nothing changes',
    async (_case, body, field) => {
      const { customer, user, tokens } = await signedInCustomer(service.url);

      const reply = await rename(tokens.accessToken, body);

      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
      expect((await call(service.url, 'GET', '/v1/users/me', { token: tokens.accessToken })).body).toEqual(
        user,
      );
      expect((await login(service.url, customer)).status).toBe(200);
    },
  );

  it('When there is no token, then 401 and nothing changes', async () => {
    const reply = await call(service.url, 'PATCH', '/v1/users/me', { body: { name: 'Mallory' } });

    expect(reply.status).toBe(401);
  });
});
