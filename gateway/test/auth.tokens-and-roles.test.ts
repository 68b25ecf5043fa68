import { listOperations, type JsonObject, type Operation } from '@shopeasy/contract-tools';
import { FORGED_TOKEN_NAMES, forgedTokens } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Received } from './support/echo-upstream.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
let operations: Operation[];

beforeAll(async () => {
  gateway = await startTestGateway();
  operations = listOperations(gateway.document as JsonObject);
});
afterAll(() => gateway.stop());

const concrete = (template: string) => template.replace(/\{([^}]+)\}/g, 'id_1');
const call = (op: Operation, token?: string) =>
  fetch(`${gateway.url}${concrete(op.path)}`, {
    method: op.method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const firstWhere = (predicate: (op: Operation) => boolean) => {
  const op = operations.find(predicate);
  if (!op) throw new Error('the document has no such operation');
  return op;
};

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as { status: number; title: string; type: string };
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^https:\/\/shopeasy\.example\/problems\//);
  return problem;
}

describe('Bearer tokens and roles at the gateway', () => {
  it('When any secured operation is called without a token, then it is 401 and no service sees the request', async () => {
    const secured = operations.filter((op) => op.secured);
    expect(secured.length).toBeGreaterThan(5);
    for (const op of secured) {
      const response = await call(op);
      await expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(gateway.received()).toHaveLength(0);
  });

  it.each(FORGED_TOKEN_NAMES)(
    'When a token has %s, then it is 401 saying only that the token is invalid, and no service sees it',
    async (name) => {
      const op = firstWhere((o) => o.secured && o.roles.includes('customer'));
      const token = await new Map(forgedTokens(gateway.issuer)).get(name)!();
      const before = gateway.received().length;
      const problem = (await expectProblem(await call(op, token), 401)) as { detail?: string };
      // One answer for every way a token can be wrong: which check failed is not the caller's to learn.
      expect(problem.detail).toBe('The access token is invalid or expired.');
      expect(gateway.received()).toHaveLength(before);
    },
  );

  it('When a token is tampered with, expired, signed by an unknown key or not a bearer token, then it is 401 and no service sees it', async () => {
    const op = firstWhere((o) => o.secured && o.roles.includes('customer'));
    const good = await gateway.issuer.token({ userId: 'usr_t1', role: 'customer' });
    const [header, payload, signature] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'usr_t1', role: 'admin' })).toString('base64url');
    const badTokens = [
      `${header}.${forgedPayload}.${signature}`,
      `${header}.${payload}.${signature?.slice(0, -4)}AAAA`,
      await gateway.issuer.token({ userId: 'usr_t1', expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await gateway.issuer.foreignToken({ userId: 'usr_t1' }),
      'not-a-jwt',
    ];
    for (const token of badTokens) await expectProblem(await call(op, token), 401);
    await expectProblem(
      await fetch(`${gateway.url}${concrete(op.path)}`, {
        method: op.method,
        headers: { authorization: `Basic ${good}` },
      }),
      401,
    );
    expect(gateway.received()).toHaveLength(0);
  });

  it('When a customer calls any admin operation, then it is 403 and no service sees the request', async () => {
    const adminOnly = operations.filter((op) => op.secured && !op.roles.includes('customer'));
    expect(adminOnly.length).toBeGreaterThan(0);
    const customer = await gateway.issuer.token({ userId: 'usr_c1', role: 'customer' });
    for (const op of adminOnly) await expectProblem(await call(op, customer), 403);
    expect(gateway.received()).toHaveLength(0);
  });

  it('When a customer calls a customer operation, then the service receives it with the Authorization header', async () => {
    const op = firstWhere((o) => o.secured && o.roles.includes('customer'));
    const customer = await gateway.issuer.token({ userId: 'usr_c2', role: 'customer' });
    const response = await call(op, customer);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Received).headers.authorization).toBe(`Bearer ${customer}`);
  });

  it('When a public operation is called without a token, then the service answers it', async () => {
    const op = firstWhere((o) => !o.secured && o.method === 'GET');
    const response = await call(op);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Received).url).toBe(concrete(op.path));
  });

  it('When a request carries a token, then the access log names the operation and never the token', async () => {
    const op = firstWhere((o) => o.secured && o.roles.includes('customer'));
    const token = await gateway.issuer.token({ userId: 'usr_log', role: 'customer' });
    const requestId = 'log-check-1';
    await fetch(`${gateway.url}${concrete(op.path)}`, {
      method: op.method,
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    }).then((r) => r.arrayBuffer());
    const line = await vi.waitFor(() => {
      const found = gateway.logs.find((l) => l.clientRequestId === requestId && l.msg === 'request');
      if (!found) throw new Error('no access-log line yet');
      return found;
    });
    expect(line).toMatchObject({
      msg: 'request',
      method: op.method,
      operationId: op.operationId,
      status: 200,
      userId: 'usr_log',
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(JSON.stringify(gateway.logs)).not.toContain(token.split('.')[2]);
  });
});
