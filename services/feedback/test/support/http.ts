export { callJson as call, type JsonReply as Reply } from '@shopeasy/service-kit/testing';

/** Retries `check` until it stops throwing (its last error is rethrown after the deadline). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
