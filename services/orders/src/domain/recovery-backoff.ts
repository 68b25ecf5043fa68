import { backoffSeconds } from '@shopeasy/service-kit/jobs';

/** The longest the sweeper leaves a failing order alone before trying it again. */
export const RECOVERY_BACKOFF_MAX_MS = 15 * 60_000;

/**
 * Which orders the sweeper skips for now: after each failed recovery of an order it waits twice
 * as long before trying that order again (two sweeper intervals at first, at most `maxMs`).
 */
export class RecoveryBackoff {
  readonly #failures = new Map<string, { count: number; retryAt: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxMs = RECOVERY_BACKOFF_MAX_MS,
  ) {}

  /** The order may be tried now. */
  due(orderId: string, now: number): boolean {
    return (this.#failures.get(orderId)?.retryAt ?? 0) <= now;
  }

  /** Records a failed recovery; answers how long the order is now left alone. */
  failed(orderId: string, now: number): number {
    const count = (this.#failures.get(orderId)?.count ?? 0) + 1;
    const waitMs = 1000 * backoffSeconds(count, (2 * this.intervalMs) / 1000, this.maxMs / 1000);
    this.#failures.set(orderId, { count, retryAt: now + waitMs });
    return waitMs;
  }

  succeeded(orderId: string): void {
    this.#failures.delete(orderId);
  }

  /** Forgets orders whose work is no longer open, so the memory stays as small as the backlog. */
  retain(open: ReadonlySet<string>): void {
    for (const orderId of this.#failures.keys()) if (!open.has(orderId)) this.#failures.delete(orderId);
  }
}
