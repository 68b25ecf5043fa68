import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBucketThrottle } from '../src/throttle.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('Token bucket', () => {
  it('When a client spends its burst, then the next request waits for the refill and other clients are unaffected', () => {
    let now = 0;
    const throttle = new TokenBucketThrottle({ ratePerSecond: 2, burst: 3, now: () => now });
    const first = [1, 2, 3, 4].map(() => throttle.take('a'));
    expect(first.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(throttle.take('b').allowed).toBe(true);
    now += 499;
    expect(throttle.take('a').allowed).toBe(false);
    now += 2;
    expect(throttle.take('a').allowed).toBe(true);
  });

  it('When the rate is slow, then Retry-After is the whole seconds until the next token', () => {
    let now = 0;
    const throttle = new TokenBucketThrottle({ ratePerSecond: 0.2, burst: 1, now: () => now });
    expect(throttle.take('a')).toEqual({ allowed: true });
    expect(throttle.take('a')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    now += 2_500;
    expect(throttle.take('a')).toEqual({ allowed: false, retryAfterSeconds: 3 });
  });

  it('When a client stays idle, then its bucket refills to the burst and no further', () => {
    let now = 0;
    const throttle = new TokenBucketThrottle({ ratePerSecond: 100, burst: 2, now: () => now });
    throttle.take('a');
    throttle.take('a');
    now += 60_000;
    expect([1, 2, 3].map(() => throttle.take('a').allowed)).toEqual([true, true, false]);
  });
});

describe('Throttling at the gateway', () => {
  let gateway: TestGateway;
  // The throttles' clock stands still unless a test moves it: no token comes back by itself.
  let nowMs = 0;
  beforeAll(async () => {
    gateway = await startTestGateway({ THROTTLE_RATE_PER_SECOND: '2', THROTTLE_BURST: '3' }, () => nowMs);
  });
  afterAll(() => gateway.stop());

  const getCart = (token: string) =>
    fetch(`${gateway.url}/v1/cart`, { headers: { authorization: `Bearer ${token}` } });

  it('When a client exceeds its burst, then it gets 429 with Retry-After, other clients are served, and it recovers after waiting', async () => {
    const token = await gateway.issuer.token({ userId: 'usr_busy', role: 'customer' });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await getCart(token);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(((await limited?.json()) as { status: number }).status).toBe(429);
    const servedBefore = gateway.upstreams.cart.received.length;

    const other = await gateway.issuer.token({ userId: 'usr_calm', role: 'customer' });
    expect((await getCart(other)).status).toBe(200);

    nowMs += retryAfter * 1000;
    expect((await getCart(token)).status).toBe(200);
    expect(gateway.upstreams.cart.received.length).toBe(servedBefore + 2);
  });

  it('When anonymous requests from one address exceed the burst, then that address gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      const response = await fetch(`${gateway.url}/v1/categories`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(3);
  });
});
