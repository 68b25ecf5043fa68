import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsWithEmail as accountsIn } from './support/accounts.js';
import { login, newCustomer, register } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService();
});
afterAll(() => service?.stop());

const registerCall = (body: unknown) => call(service.url, 'POST', '/v1/auth/register', { body });

const accountsWithEmail = async (email: string) =>
  (await accountsIn(service.config.USERS_TABLE, email)).length;

describe('POST /v1/auth/register', () => {
  it('When a new customer registers, then the profile comes back without the password and with the email in lower case', async () => {
    const customer = newCustomer();
    const reply = await registerCall({ ...customer, email: customer.email.toUpperCase() });

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/),
      email: customer.email,
      name: customer.name,
      role: 'customer',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(reply.body)).not.toContain(customer.password);
  });

  it('When the email is already registered in another case, then a 409 problem names the email and no second account exists', async () => {
    const { customer } = await register(service.url);

    const reply = await registerCall({ ...newCustomer(), email: customer.email.toUpperCase() });

    expect(reply.status).toBe(409);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({
      status: 409,
      type: 'https://shopeasy.example/problems/email-taken',
      errors: [{ field: 'body.email' }],
    });
    expect(await accountsWithEmail(customer.email)).toBe(1);
  });

  it('When twenty registrations of one email race, then exactly one gets 201, nineteen get 409 and one account exists', async () => {
    const email = newCustomer().email;
    const racers = Array.from({ length: 20 }, (_, i) => newCustomer({ email, name: `Racer ${i}` }));
    const replies = await Promise.all(racers.map((racer) => registerCall(racer)));

    expect(replies.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(await accountsWithEmail(email)).toBe(1);
    // The account is the winner's: its password works, a loser's does not.
    const winner = replies.findIndex((r) => r.status === 201);
    const loser = winner === 0 ? 1 : 0;
    expect((await login(service.url, racers[winner]!)).status).toBe(200);
    expect((await login(service.url, racers[loser]!)).status).toBe(401);
  });

  type Body = ReturnType<typeof newCustomer>;
  it.each([
    ['the email is missing', 'body.email', ({ email: _e, ...rest }: Body) => rest],
    ['the email is not an email', 'body.email', (c: Body) => ({ ...c, email: 'not-an-email' })],
    ['the password has 11 characters', 'body.password', (c: Body) => ({ ...c, password: 'elevenchars' })],
    ['the body carries an unknown field', 'body.role', (c: Body) => ({ ...c, role: 'admin' })],
    ['the name is blank', 'body.name', (c: Body) => ({ ...c, name: '   ' })],
  ])('When %s, then a 400 problem names %s and no account is created', async (_case, field, breakBody) => {
    const customer = newCustomer();

    const reply = await registerCall(breakBody(customer));

    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    // Nothing was written: the same email registers fine with a valid body.
    expect((await registerCall(customer)).status).toBe(201);
  });

  it('When the password is a common one, then a 422 problem names body.password and no account is created', async () => {
    const customer = newCustomer({ password: 'Password1234' });

    const reply = await registerCall(customer);

    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ status: 422, errors: [{ field: 'body.password' }] });
    expect(await accountsWithEmail(customer.email)).toBe(0);
  });
});
