import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, newCustomer, register } from './support/factories.js';
import { call } from './support/http.js';
import { startUsersService, type RunningUsersService } from './support/users-service.js';

// One hash at a time, one waiting, each hash slow (N=2^17): a handful of requests fills it.
let service: RunningUsersService;
beforeAll(async () => {
  service = await startUsersService({
    PASSWORD_SCRYPT_LOG_N: '17',
    PASSWORD_HASH_CONCURRENCY: '1',
    PASSWORD_HASH_QUEUE: '1',
  });
});
afterAll(() => service?.stop());

/** Sends a request and remembers when its answer came, relative to the others. */
function timed<T extends { status: number }>(order: string[], label: string, reply: Promise<T>) {
  return reply.then((r) => {
    order.push(`${label}:${r.status}`);
    return r;
  });
}

describe('hashing under a burst', () => {
  it('When the hashing queue is full, then more logins and registrations get 503 with Retry-After at once while /health/live answers', async () => {
    const order: string[] = [];
    const logins = Array.from({ length: 4 }, (_, i) =>
      timed(order, `login${i}`, login(service.url, newCustomer())),
    );
    const registrations = Array.from({ length: 2 }, (_, i) =>
      timed(order, `register${i}`, call(service.url, 'POST', '/v1/auth/register', { body: newCustomer() })),
    );
    const live = await timed(order, 'live', call(service.url, 'GET', '/health/live'));

    const replies = await Promise.all([...logins, ...registrations]);

    expect(live.status).toBe(200);
    const refused = replies.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const reply of refused) {
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(replies.every((r) => [401, 201, 503].includes(r.status))).toBe(true);
    // Refusals and the health check come back before any request that waited for a hash.
    const firstHashed = order.findIndex((entry) => !/:503$/.test(entry) && !entry.startsWith('live'));
    expect(order.slice(firstHashed).some((entry) => entry.endsWith(':503'))).toBe(false);
    expect(order.indexOf('live:200')).toBeLessThan(firstHashed);
  });

  it('When hashing is busy, then a registration of a taken email gets 409 before any hash completes', async () => {
    const { customer } = await register(service.url);
    const order: string[] = [];
    const logins = Array.from({ length: 4 }, (_, i) =>
      timed(order, `login${i}`, login(service.url, customer)),
    );
    // Let the logins reach their hashes first (each takes hundreds of milliseconds at 2^17).
    await sleep(100);

    const taken = await timed(
      order,
      'taken',
      call(service.url, 'POST', '/v1/auth/register', { body: { ...customer, name: 'Someone Else' } }),
    );
    const statuses = (await Promise.all(logins)).map((r) => r.status);

    expect(taken.status).toBe(409);
    expect(statuses).toContain(200);
    expect(order.indexOf('taken:409')).toBeLessThan(order.findIndex((entry) => entry.endsWith(':200')));
  });
});
