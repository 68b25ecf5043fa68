import { createLogger } from '@shopeasy/service-kit/telemetry';
import { describe, expect, it, vi } from 'vitest';
import type { Order } from '../src/domain/model.js';
import type { DomainDeps } from '../src/domain/ports.js';
import { RecoveryBackoff } from '../src/domain/recovery-backoff.js';
import { recoverOpenWork } from '../src/domain/recovery.js';

const STALE_MS = 15_000;

function depsWith(order: Partial<Order> | Error) {
  const get = vi.fn(async () => {
    if (order instanceof Error) throw order;
    return { id: 'ord_1', status: 'pending_payment', ...order } as Order;
  });
  const acquireLease = vi.fn(async () => undefined);
  const deps = {
    orders: { listOpenWork: async () => ['ord_1'], get, acquireLease },
    logger: createLogger('orders', 'silent'),
    settings: { leaseMs: 5_000 },
    now: () => Date.now(),
  } as unknown as DomainDeps;
  return { deps, get, acquireLease };
}

describe('the recovery sweeper', () => {
  it('When a live holder’s lease ran out only moments ago, then the sweeper leaves the order to it', async () => {
    const { deps, acquireLease } = depsWith({ lease: { owner: 'lease_live', until: Date.now() - 2_000 } });
    await recoverOpenWork(deps, STALE_MS, new RecoveryBackoff(30_000));
    expect(acquireLease).not.toHaveBeenCalled();
  });

  it('When a lease ran out longer ago than the stale time, then the sweeper tries to take the order over', async () => {
    const { deps, acquireLease } = depsWith({ lease: { owner: 'lease_dead', until: Date.now() - 20_000 } });
    await recoverOpenWork(deps, STALE_MS, new RecoveryBackoff(30_000));
    // Only a lease that ran out before the stale time may be taken.
    expect(acquireLease).toHaveBeenCalledWith('ord_1', expect.anything(), expect.any(Number));
    const [, , expiredBy] = acquireLease.mock.calls[0] as unknown as [string, unknown, number];
    expect(expiredBy).toBeLessThanOrEqual(Date.now() - STALE_MS);
  });

  it('When recovering an order fails, then the next passes leave it alone instead of retrying it at once', async () => {
    const { deps, get } = depsWith(new Error('emulator too slow'));
    const backoff = new RecoveryBackoff(30_000);
    await recoverOpenWork(deps, STALE_MS, backoff);
    await recoverOpenWork(deps, STALE_MS, backoff);
    await recoverOpenWork(deps, STALE_MS, backoff);
    expect(get).toHaveBeenCalledTimes(1);
  });
});

describe('the recovery backoff', () => {
  it('When an order fails again and again, then its wait doubles from two intervals up to the cap', () => {
    const backoff = new RecoveryBackoff(30_000, 300_000);
    expect([1, 2, 3, 4, 5].map(() => backoff.failed('ord_1', 0))).toEqual([
      60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
    expect(backoff.due('ord_1', 299_999)).toBe(false);
    expect(backoff.due('ord_1', 300_000)).toBe(true);
  });

  it('When an order is recovered or its work is no longer open, then it is due again at once', () => {
    const backoff = new RecoveryBackoff(30_000);
    backoff.failed('ord_1', 0);
    backoff.failed('ord_2', 0);
    backoff.succeeded('ord_1');
    backoff.retain(new Set(['ord_1']));
    expect(backoff.due('ord_1', 1)).toBe(true);
    expect(backoff.due('ord_2', 1)).toBe(true);
  });
});
