import { eventually } from '@shopeasy/service-kit/testing';
import { describe, expect, it } from 'vitest';
import { startStack, TEST_STACK_ENV } from '../../src/index.js';

interface LoadCounts {
  ok: number;
  failed: Record<string, number>;
}

/** Steady reads through the gateway from `workers` clients until `stop` aborts; every answer counted. */
function readLoad(url: string, workers: number, stop: AbortSignal) {
  const counts: LoadCounts = { ok: 0, failed: {} };
  const fail = (why: string) => (counts.failed[why] = (counts.failed[why] ?? 0) + 1);
  const worker = async () => {
    while (!stop.aborted) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status === 200) counts.ok++;
        else fail(String(response.status));
      } catch (error) {
        fail((error as Error).name);
      }
    }
  };
  return { counts, done: Promise.all(Array.from({ length: workers }, worker)).then(() => counts) };
}

describe('a service stopped by SIGTERM under read load, as at every ECS release', () => {
  it('When the catalog is sent SIGTERM and the supervisor restarts it, then no read through the gateway fails', async () => {
    const lines: string[] = [];
    const stack = await startStack({
      ports: 'free',
      only: ['catalog', 'gateway'],
      // The default 3 s covers a restart on an idle laptop (about 1.6 s); a busy CI machine, running
      // other stacks beside this one, boots the catalog in up to several seconds (as REQUEST_DEADLINE_MS).
      env: { ...TEST_STACK_ENV, UPSTREAM_RETRY_WINDOW_MS: '10000' },
      supervise: { log: (line) => lines.push(line) },
    });
    const stopLoad = new AbortController();
    // At most 20 s of load, whatever happens.
    const bound = setTimeout(() => stopLoad.abort(), 20_000);
    try {
      const load = readLoad(`${stack.gatewayUrl}/v1/products?limit=5`, 4, stopLoad.signal);
      const catalog = stack.running.get('catalog')!;
      // Load is flowing steadily before the stop.
      await eventually(() => expect(load.counts.ok).toBeGreaterThan(100));
      process.kill(catalog.pid, 'SIGTERM');
      await eventually(
        () => {
          expect(lines.some((l) => l.startsWith('catalog is back'))).toBe(true);
        },
        { timeoutMs: 15_000 },
      );
      // Reads keep flowing from the new process for a moment before the load stops.
      const after = stack.running.get('catalog')!;
      const okWhenBack = load.counts.ok;
      await eventually(() => expect(load.counts.ok).toBeGreaterThan(okWhenBack + 100));
      stopLoad.abort();
      const counts = await load.done;
      console.log(`SIGTERM restart under load: ${counts.ok} ok, failed ${JSON.stringify(counts.failed)}`);
      console.log(lines.join('\n'));

      expect(after.pid).not.toBe(catalog.pid);
      expect(lines[0]).toBe('catalog exited (code 0); restarting in 0 ms (restart #1)');
      expect(counts.failed).toEqual({});
      expect(counts.ok).toBeGreaterThan(200);
    } finally {
      clearTimeout(bound);
      stopLoad.abort();
      await stack.stop();
    }
  }, 120_000);
});
