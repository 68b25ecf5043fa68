import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or the deadline is reached (then its last failure is
 * thrown). For effects of consumers, which arrive within seconds, not at once.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
