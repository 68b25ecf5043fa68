import { createHook } from 'node:async_hooks';
import { eventually } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RouteTable } from '../src/routing/index.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

// A request budget no socket or server timer of the test has: the timers seen are the forwards'.
const DEADLINE_MS = 7_777;
const isForwardTimer = (ms: number) => ms > DEADLINE_MS - 1_000 && ms <= DEADLINE_MS;
const pending = new Set<number>();
const hook = createHook({
  init(id, type, _trigger, resource) {
    if (type === 'Timeout' && isForwardTimer((resource as { _idleTimeout: number })._idleTimeout))
      pending.add(id);
  },
  destroy: (id) => void pending.delete(id),
});
const matches = vi.spyOn(RouteTable.prototype, 'match');

describe('What the gateway does per request', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ REQUEST_DEADLINE_MS: String(DEADLINE_MS) });
    hook.enable();
  });
  afterAll(async () => {
    hook.disable();
    await gateway.stop();
  });

  it('When 10 requests are forwarded and answered, then each was matched once and no deadline timer is left', async () => {
    matches.mockClear();
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${gateway.url}/v1/categories`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(matches).toHaveBeenCalledTimes(10);
    await eventually(() => expect(pending.size).toBe(0), { timeoutMs: 2_000, intervalMs: 20 });
  });

  it('When clients give up on slow services, then the forwards end and their deadline timers with them', async () => {
    for (let i = 0; i < 5; i++) {
      const client = new AbortController();
      const call = fetch(`${gateway.url}/v1/categories`, {
        headers: { 'x-echo-delay-ms': '300' },
        signal: client.signal,
      });
      await eventually(() => expect(pending.size).toBeGreaterThan(0), { timeoutMs: 2_000, intervalMs: 5 });
      client.abort();
      await expect(call).rejects.toThrow();
    }
    await eventually(() => expect(pending.size).toBe(0), { timeoutMs: 2_000, intervalMs: 20 });
  });
});
