import { describe, expect, it } from 'vitest';
import type { CheckoutFigures } from '../src/checkout.js';
import { checkOversell } from '../src/oversell.js';
import type { ScenarioName } from '../src/options.js';
import type { RunOutcome } from '../src/scenario-runs.js';
import type { ScenarioFigures } from '../src/stats.js';
import { judgeRun } from '../src/verdict.js';

const ALL: ScenarioName[] = ['browse', 'detail', 'search', 'cart', 'checkout'];

const figures = (name: string, non2xx: Record<string, number> = {}): ScenarioFigures => ({
  name,
  requests: 1000,
  requestsPerSecond: 100,
  okPerSecond: 100,
  latencyMs: { p50: 5, p95: 9, p99: 12, max: 30 },
  non2xx,
  errors: 0,
  timeouts: 0,
  durationSeconds: 10,
});

function checkout(statuses: Record<string, number>, orders: { status: string; quantity: number }[]) {
  const sold = orders.filter((o) => o.status === 'paid').length;
  return {
    productId: 'prd_1',
    buyers: 100,
    units: 30,
    settledSeconds: 3,
    ordersFinalAfterSeconds: 125,
    statuses,
    errors: 0,
    latencyMs: { p50: 50, p95: 90, p99: 120, max: 300 },
    oversell: checkOversell({
      stockBefore: 30,
      stockAfter: 30 - sold,
      created: statuses['201'] ?? 0,
      orders,
      stockSamples: [30, 30 - sold],
    }),
  } satisfies CheckoutFigures;
}

const paid = (n: number) => Array.from({ length: n }, () => ({ status: 'paid', quantity: 1 }));
const healthy = (): RunOutcome => ({
  scenarios: ['browse', 'detail', 'search', 'cart add'].map((n) => figures(n, { '429': 3 })),
  checkout: checkout({ '201': 30, '409': 70 }, paid(30)),
  failed: [],
});

describe('the load run verdict', () => {
  it('When every scenario ran with no 5xx and every order settled, then the run passes (a 409 or 429 is not a failure)', () => {
    expect(judgeRun(healthy(), ALL)).toEqual({ ok: true, failures: [], notes: [] });
  });

  it('When the checkout scenario did not run, then the run fails and says so', () => {
    const run = { ...healthy(), checkout: undefined };
    expect(judgeRun(run, ALL)).toMatchObject({ ok: false, failures: ['the checkout scenario did not run'] });
  });

  it('When the checkout scenario could not run, then the run fails with its reason', () => {
    const run = {
      ...healthy(),
      checkout: undefined,
      failed: [{ scenario: 'checkout', reason: '401 on login' }],
    };
    expect(judgeRun(run, ALL)).toMatchObject({
      ok: false,
      failures: ['checkout could not run: 401 on login'],
    });
  });

  it('When an order is left pending_payment, then the run fails naming how many', () => {
    const run = {
      ...healthy(),
      checkout: checkout({ '201': 29, '503': 1, '409': 70 }, [
        ...paid(29),
        { status: 'pending_payment', quantity: 1 },
      ]),
    };
    const verdict = judgeRun(run, ALL);
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual([
      '1 order(s) still pending_payment after the run (125 s after the first checkout)',
      'checkout answered 1× 503',
    ]);
  });

  it('When any scenario answered a 5xx, then the run fails naming the scenario and the statuses', () => {
    const run = healthy();
    run.scenarios[1] = figures('detail', { '500': 2, '503': 1, '404': 4 });
    expect(judgeRun(run, ALL)).toMatchObject({ ok: false, failures: ['detail answered 2× 500, 1× 503'] });
  });

  it('When something was oversold, then the run fails with the oversell check’s words', () => {
    const run = { ...healthy(), checkout: checkout({ '201': 31, '409': 69 }, paid(31)) };
    expect(judgeRun(run, ALL).failures).toContain('checkout: 31 units sold from 30 in stock');
  });

  it('When checkout was left out on purpose, then the run may pass and a note says its orders were not checked', () => {
    const run = { ...healthy(), checkout: undefined };
    const verdict = judgeRun(run, ['browse', 'detail']);
    expect(verdict.ok).toBe(true);
    expect(verdict.notes[0]).toMatch(/checkout was not chosen/);
  });
});
