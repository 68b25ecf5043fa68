import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Received } from './support/echo-upstream.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const FORGED = '203.0.113.50';
const login = JSON.stringify({ email: 'ada@example.com', password: 'not-the-right-password' });

describe('The caller’s address the gateway gives the services', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  it('When a client sends its own X-ShopEasy-Client-Ip and X-Forwarded-For, then the service receives the address of the gateway’s socket peer instead', async () => {
    const response = await fetch(`${gateway.url}/v1/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopeasy-client-ip': FORGED,
        'x-forwarded-for': `${FORGED}, 198.51.100.7`,
      },
      body: login,
    });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Received;

    expect(echo.service).toBe('users');
    expect(echo.headers['x-shopeasy-client-ip']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    // The peer is the hop the gateway appends: the same address, however the client fills the header.
    expect(String(echo.headers['x-forwarded-for']).split(', ').at(-1)).toBe(
      echo.headers['x-shopeasy-client-ip'],
    );
  });

  it('When a client names X-ShopEasy-Client-Ip in Connection:, then the service still receives the gateway’s value', async () => {
    const response = await rawRequest(`${gateway.url}/v1/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        connection: 'keep-alive, x-shopeasy-client-ip',
        'x-shopeasy-client-ip': FORGED,
      },
      body: login,
    });
    expect(response.status).toBe(200);
    const echo = JSON.parse(response.body) as Received;

    expect(echo.headers['x-shopeasy-client-ip']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
