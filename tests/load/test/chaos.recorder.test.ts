import { describe, expect, it } from 'vitest';
import { chaosChart } from '../src/chaos/chart.js';
import { perSecond, windowFigures, type Outcome } from '../src/chaos/recorder.js';

const outcomes: Outcome[] = [
  { at: 100, kind: 'browse', status: 200 },
  { at: 1200, kind: 'cart', status: 503 },
  { at: 1300, kind: 'cart', status: 'error' },
  { at: 1400, kind: 'checkout', status: 409 },
  { at: 2500, kind: 'browse', status: 200 },
];

describe('the chaos run figures', () => {
  it('When requests end inside a fault window, then they are counted with their statuses; 5xx and no answer count as failed, a 409 does not', () => {
    expect(windowFigures(outcomes, 1000, 2000)).toEqual({
      requests: 3,
      failed: 2,
      byStatus: { '503': 1, error: 1, '409': 1 },
      failedByKind: { cart: 2 },
    });
  });

  it('When the run is charted, then each second has its answers, failed apart, and each fault its band and label', () => {
    const seconds = perSecond(outcomes);
    expect(seconds).toEqual([
      { second: 0, ok: 1, failed: 0 },
      { second: 1, ok: 1, failed: 2 },
      { second: 2, ok: 1, failed: 0 },
    ]);
    const svg = chaosChart({
      title: 'Chaos',
      subtitle: 'test',
      seconds,
      faults: [
        {
          component: 'cart',
          signal: 'SIGKILL',
          at: 1000,
          servedAt: 2000,
          recoveryMs: 1000,
          oldPid: 1,
          newPid: 2,
        },
      ],
    });
    expect(svg).toContain('cart kill 1.0 s');
    expect(svg.match(/fill="#cb181d"/g)).toHaveLength(2);
  });
});
