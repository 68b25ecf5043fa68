import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutInProgressError } from '../src/domain/errors.js';
import { startHeartbeat } from '../src/domain/lease.js';
import type { DomainDeps } from '../src/domain/ports.js';

// Vitest's fake timers drive the heartbeat: time passes only when the test moves it.
const LEASE_MS = 300; // a renewal every 100 ms

function depsWith(renewLease: () => Promise<boolean>) {
  const logger = createLogger('orders', 'silent');
  const warn = vi.spyOn(logger, 'warn');
  const renew = vi.fn(renewLease);
  const deps = {
    orders: { renewLease: renew },
    logger,
    settings: { leaseMs: LEASE_MS },
    now: () => Date.now(),
  } as unknown as DomainDeps;
  return { deps, renew, warn };
}

describe('the heartbeat of a lease holder', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('When the lease is found taken over, then the holder is told once, it is logged once, and renewing stops', async () => {
    const { deps, renew, warn } = depsWith(async () => false);
    const heartbeat = startHeartbeat(deps, 'ord_1', 'lease_1');
    await vi.advanceTimersByTimeAsync(LEASE_MS * 3);
    heartbeat.stop();

    expect(heartbeat.signal.aborted).toBe(true);
    expect(heartbeat.signal.reason).toBeInstanceOf(CheckoutInProgressError);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('When a renewal fails for a moment, then the holder keeps its lease and work, and renewing goes on', async () => {
    let calls = 0;
    const { deps, renew, warn } = depsWith(async () => {
      calls += 1;
      if (calls <= 2) throw new Error('throttled');
      return true;
    });
    const heartbeat = startHeartbeat(deps, 'ord_2', 'lease_2');
    await vi.advanceTimersByTimeAsync(LEASE_MS * 3);
    heartbeat.stop();

    expect(heartbeat.signal.aborted).toBe(false);
    expect(renew.mock.calls.length).toBeGreaterThan(3);
    // One line for the run of failures, not one per beat.
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('When renewals are slow, then they do not pile up: one at a time', async () => {
    let open = 0;
    let most = 0;
    let finish: () => void = () => undefined;
    const { deps, renew } = depsWith(async () => {
      open += 1;
      most = Math.max(most, open);
      // Slower than the beats: each renewal lasts until the test lets it finish.
      await new Promise<void>((resolve) => (finish = resolve));
      open -= 1;
      return true;
    });
    const heartbeat = startHeartbeat(deps, 'ord_3', 'lease_3');
    await vi.advanceTimersByTimeAsync(LEASE_MS * 3);
    const duringTheSlowOne = renew.mock.calls.length;
    finish();
    await vi.advanceTimersByTimeAsync(LEASE_MS);
    finish();
    heartbeat.stop();

    expect(duringTheSlowOne).toBe(1);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });
});
