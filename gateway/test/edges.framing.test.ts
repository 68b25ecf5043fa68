import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Received } from './support/echo-upstream.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

/**
 * Writes bytes exactly as given on one connection and reads until the gateway closes it, or
 * until `settleMs` passes without a byte (a connection kept alive), then closes it.
 */
function exchange(
  url: string,
  raw: string,
  settleMs = 300,
): Promise<{ text: string; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let text = '';
    let closedByServer = true;
    let idle = setTimeout(stopWaiting, settleMs * 4);
    function stopWaiting() {
      closedByServer = false;
      socket.destroy();
    }
    socket.on('data', (chunk) => {
      text += chunk.toString();
      clearTimeout(idle);
      idle = setTimeout(stopWaiting, settleMs);
    });
    socket.on('close', () => {
      clearTimeout(idle);
      resolve({ text, closedByServer });
    });
    socket.on('error', reject);
  });
}

const statusLines = (text: string) => text.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];

describe('The gateway frames what it forwards: a body cannot smuggle a request past it', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  const registration = JSON.stringify({
    email: 'smuggled@example.com',
    password: 'Str0ng-enough-pass!',
    name: 'Mallory',
  });
  const smuggled =
    `POST /v1/users HTTP/1.1\r\nHost: users\r\nContent-Type: application/json\r\n` +
    `X-Forwarded-For: 203.0.113.9\r\nContent-Length: ${registration.length}\r\n\r\n${registration}`;

  it('When a GET carries a registration as its body and names content-length in Connection, then it is refused with 400 and no service hears of either request', async () => {
    const before = gateway.received().length;
    const { text, closedByServer } = await exchange(
      gateway.url,
      `GET /v1/.well-known/jwks.json HTTP/1.1\r\nHost: shop\r\nConnection: keep-alive, content-length\r\n` +
        `Content-Length: ${smuggled.length}\r\n\r\n${smuggled}`,
    );

    expect(statusLines(text)).toEqual(['HTTP/1.1 400']);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(text).toContain('A GET request carries no body.');
    expect(closedByServer).toBe(true);
    expect(gateway.received().slice(before)).toEqual([]);
  });

  it('When a POST names content-length in Connection, then the service still receives the body framed by its length, and the next request on the pooled connection gets its own answer', async () => {
    const body = JSON.stringify({ name: 'Lamps', slug: 'lamps' });
    const token = await gateway.issuer.token({ userId: 'usr_adm', role: 'admin' });
    const answer = await rawRequest(`${gateway.url}/v1/categories`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        connection: 'keep-alive, content-length',
        'content-length': String(body.length),
      },
      body,
    });
    const echo = JSON.parse(answer.body) as Received;
    expect(answer.status).toBe(200);
    expect(echo).toMatchObject({ method: 'POST', url: '/v1/categories', body });
    expect(echo.headers['content-length']).toBe(String(body.length));

    // The service's pooled connection is reused by the next client: it must answer that client's request.
    const next = await fetch(`${gateway.url}/v1/categories?page=next`);
    expect(((await next.json()) as Received).url).toBe('/v1/categories?page=next');
  });

  it('When a request is framed two ways (both lengths, or two lengths), then it is 400 problem+json, the connection closes and nothing reaches a service', async () => {
    const before = gateway.received().length;
    for (const framing of [
      `Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n`,
      `Content-Length: 4\r\nContent-Length: 40\r\n\r\nabcd`,
    ]) {
      const { text, closedByServer } = await exchange(
        gateway.url,
        `POST /v1/auth/login HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n${framing}${smuggled}`,
      );
      expect(statusLines(text)).toEqual(['HTTP/1.1 400']);
      expect(text).toMatch(/content-type: application\/problem\+json/i);
      expect(closedByServer).toBe(true);
    }
    expect(gateway.received().slice(before)).toEqual([]);
  });

  it('When a body comes chunked, then the service receives all of it', async () => {
    const body = JSON.stringify({ email: 'a@example.com', password: 'Str0ng-enough-pass!' });
    const half = Math.floor(body.length / 2);
    const chunk = (part: string) => `${part.length.toString(16)}\r\n${part}\r\n`;
    const users = gateway.upstreams.users.received;
    const before = users.length;
    const { text } = await exchange(
      gateway.url,
      `POST /v1/auth/login HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${chunk(body.slice(0, half))}${chunk(body.slice(half))}0\r\n\r\n`,
    );
    expect(statusLines(text)).toEqual(['HTTP/1.1 200']);
    const [received] = users.slice(before);
    expect(received).toMatchObject({ method: 'POST', url: '/v1/auth/login', body });
    expect(received!.headers['transfer-encoding']).toBe('chunked');
  });
});
