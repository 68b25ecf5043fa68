import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('Throttling of the auth operations', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // 6 a minute: one token every 10 seconds; the general limit is far away.
    gateway = await startTestGateway({ AUTH_THROTTLE_RATE_PER_MINUTE: '6', AUTH_THROTTLE_BURST: '3' });
  });
  afterAll(() => gateway.stop());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response;
  };
  const credentials = { email: 'ada@example.com', password: 'correct-horse-battery-staple' };

  it('When a client repeats logins past the auth burst, then it gets 429 with Retry-After and the guesses never reach the users service', async () => {
    const before = gateway.upstreams.users.received.length;
    const replies = [];
    for (let i = 0; i < 6; i += 1) replies.push(await post('/v1/auth/login', credentials));

    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429]);
    expect(replies[3]?.headers.get('retry-after')).toBe('10');
    expect(gateway.upstreams.users.received.length).toBe(before + 3);
  });

  it('When the auth budget is spent, then register and refresh wait too while other operations are served', async () => {
    for (let i = 0; i < 5 && (await post('/v1/auth/login', credentials)).status !== 429; i += 1);
    const register = await post('/v1/auth/register', { ...credentials, name: 'Ada' });
    const refresh = await post('/v1/auth/refresh', { refreshToken: 'rt_x' });
    const logout = await post('/v1/auth/logout', { refreshToken: 'rt_x' });
    const categories = await fetch(`${gateway.url}/v1/categories`);

    expect([register.status, refresh.status]).toEqual([429, 429]);
    expect(logout.status).toBe(200);
    expect(categories.status).toBe(200);
  });
});
