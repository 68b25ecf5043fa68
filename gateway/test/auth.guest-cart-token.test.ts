import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/gateway.js';

describe('Guest cart tokens (X-Cart-Token) at the gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // A burst of 4 per caller: guests share their address's budget, as anonymous callers do.
    gateway = await startTestGateway({ THROTTLE_RATE_PER_SECOND: '1', THROTTLE_BURST: '4' });
  });
  afterAll(() => gateway.stop());

  const send = async (method: string, path: string, headers: Record<string, string>) => {
    const response = await fetch(`${gateway.url}${path}`, { method, headers });
    await response.arrayBuffer();
    return response;
  };
  const guest = { 'x-cart-token': 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA' };

  it('When a guest reads its cart with X-Cart-Token and no bearer token, then the cart service gets the request with the token', async () => {
    const before = gateway.upstreams.cart.received.length;

    const response = await send('GET', '/v1/cart', guest);

    expect(response.status).toBe(200);
    const seen = gateway.upstreams.cart.received.slice(before);
    expect(seen.map((r) => [r.method, r.url, r.headers['x-cart-token']])).toEqual([
      ['GET', '/v1/cart', guest['x-cart-token']],
    ]);
  });

  it('When X-Cart-Token is sent to checkout or to the merge, then 401 and no service sees it', async () => {
    const before = gateway.received().length;

    const checkout = await send('POST', '/v1/orders', { ...guest, 'content-type': 'application/json' });
    const merge = await send('POST', '/v1/cart/merge', { ...guest, 'content-type': 'application/json' });

    expect([checkout.status, merge.status]).toEqual([401, 401]);
    expect(gateway.received()).toHaveLength(before);
  });

  it('When a guest keeps calling past the burst, then it gets 429 with Retry-After, counted per address', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const token = { 'x-cart-token': `${guest['x-cart-token']}${i}` };
      const response = await send('GET', '/v1/cart', token);
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }

    expect(statuses).toContain(429);
    expect(retryAfter).not.toBeNull();
  });
});
