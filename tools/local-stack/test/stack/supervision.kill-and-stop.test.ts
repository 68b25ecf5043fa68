import { eventually } from '@shopeasy/service-kit/testing';
import { describe, expect, it } from 'vitest';
import { startStack, TEST_STACK_ENV } from '../../src/index.js';

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('a supervised stack leaves alone what it stops itself', () => {
  it('When a test kills the catalog through the stack, then it stays down (503 at the gateway) until restarted; a crash is restarted; stop restarts nothing', async () => {
    const lines: string[] = [];
    const stack = await startStack({
      ports: 'free',
      only: ['catalog', 'gateway'],
      env: { ...TEST_STACK_ENV, UPSTREAM_RETRY_WINDOW_MS: '300' },
      supervise: { log: (line) => lines.push(line) },
    });
    const products = `${stack.gatewayUrl}/v1/products?limit=1`;
    try {
      await stack.kill('catalog');
      // The supervisor decides when the exit is seen, before kill resolves: it left it down.
      expect(lines).toEqual([]);
      expect((await fetch(products)).status).toBe(503);
      expect(lines).toEqual([]);

      await stack.restart('catalog');
      expect((await fetch(products)).status).toBe(200);
      expect(stack.restarts()).toEqual({});

      // A crash the stack did not ask for: the supervisor brings it back.
      const crashed = stack.running.get('catalog')!.pid;
      process.kill(crashed, 'SIGKILL');
      await eventually(() => expect(stack.restarts()).toEqual({ catalog: 1 }), { timeoutMs: 15_000 });
      await eventually(async () => expect((await fetch(products)).status).toBe(200), { timeoutMs: 15_000 });
      expect(lines[0]).toBe('catalog exited (signal SIGKILL); restarting in 0 ms (restart #1)');
    } finally {
      const pids = [...stack.running.values()].map((r) => r.pid);
      await stack.stop();
      expect(pids.every(isGone)).toBe(true);
      expect(lines.filter((l) => l.includes('restarting'))).toHaveLength(1);
    }
  }, 120_000);
});
