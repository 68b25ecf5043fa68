import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFrom, newCustomer, register } from './support/factories.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

// Time is this test's clock, moved by hand: back-off is measured without waiting for it.
let now = 1_900_000_000;
let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService({}, () => now);
});
afterAll(() => service?.stop());

const ATTACKER = '203.0.113.7';
const OWNER = '198.51.100.20';
// What the ALB appends in AWS: an address of the VPC link, the same whoever the caller is.
const VPC_LINK = '10.0.131.17';
const wrong = (email: string) => ({ email, password: 'not-the-right-password' });

describe('POST /v1/auth/login under guessing', () => {
  it('When an attacker keeps failing on an account, then the owner still logs in', async () => {
    const { customer } = await register(service.url);
    const answers = [];
    for (let i = 0; i < 12; i += 1)
      answers.push((await loginFrom(service.url, wrong(customer.email), ATTACKER)).status);
    expect(answers).toContain(429);

    const owner = await loginFrom(service.url, customer, OWNER);

    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ tokenType: 'Bearer' });
  });

  it('When a client keeps guessing, then its guesses are bounded (429 with growing Retry-After; at most 13 attempts per 15 minutes)', async () => {
    const { customer } = await register(service.url);
    const start = now;
    const waits: number[] = [];
    let guesses = 0;
    // The attacker honours every Retry-After at once: the fastest guessing the service allows.
    for (let i = 0; i < 40 && now - start < 900; i += 1) {
      const reply = await loginFrom(service.url, wrong(customer.email), ATTACKER);
      if (reply.status === 401) guesses += 1;
      else {
        expect(reply.status).toBe(429);
        waits.push(reply.retryAfter);
        now += reply.retryAfter;
      }
    }

    expect(now - start).toBeGreaterThanOrEqual(900);
    expect(guesses).toBeGreaterThanOrEqual(3);
    expect(guesses).toBeLessThanOrEqual(13);
    expect(waits.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]! * 2);
  });

  it('When a backed-off client guesses at an unknown email, then it gets the same answers as for a real one', async () => {
    const { customer } = await register(service.url);
    const unknown = newCustomer().email;
    const real = [];
    const ghost = [];
    for (let i = 0; i < 6; i += 1) {
      real.push(await loginFrom(service.url, wrong(customer.email), ATTACKER));
      ghost.push(await loginFrom(service.url, wrong(unknown), ATTACKER));
    }

    expect(ghost.map((r) => [r.status, r.retryAfter])).toEqual(real.map((r) => [r.status, r.retryAfter]));
    expect(ghost[0]?.body).toEqual(real[0]?.body);
  });

  it('When every caller arrives through one shared hop (the VPC link, last in X-Forwarded-For), then each address the edge saw is backed off on its own', async () => {
    const { customer } = await register(service.url);
    const answers = [];
    for (let i = 0; i < 12; i += 1)
      answers.push((await loginFrom(service.url, wrong(customer.email), ATTACKER, VPC_LINK)).status);
    expect(answers).toContain(429);

    const stranger = await loginFrom(service.url, wrong(customer.email), '192.0.2.44', VPC_LINK);
    const owner = await loginFrom(service.url, customer, OWNER, VPC_LINK);

    expect(stranger.status).toBe(401);
    expect(owner.status).toBe(200);
  });

  it('When a client changes the X-Forwarded-For it sends, then it is still backed off as the address the gateway saw', async () => {
    const { customer } = await register(service.url);
    const answers = [];
    for (let i = 0; i < 6; i += 1) {
      const forwarded = `198.51.100.${i + 100}, 203.0.113.${i + 100}`;
      answers.push((await loginFrom(service.url, wrong(customer.email), ATTACKER, forwarded)).status);
    }

    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
