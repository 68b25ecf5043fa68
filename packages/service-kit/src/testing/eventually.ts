import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes, and fails with its last failure once `timeoutMs` has
 * passed. For effects that arrive within seconds, not at once: consumers, streams, processes.
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
