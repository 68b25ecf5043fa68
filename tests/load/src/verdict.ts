import type { ScenarioName } from './options.js';
import type { RunOutcome } from './scenario-runs.js';

export interface RunVerdict {
  /** The run may pass: every chosen scenario ran, no 5xx, no order left pending, nothing oversold. */
  ok: boolean;
  /** Why it fails, one line each, as printed. */
  failures: string[];
  /** Worth saying, not a failure (e.g. checkout not chosen, so its invariants were not checked). */
  notes: string[];
}

const serverErrors = (statuses: Readonly<Record<string, number>>): [string, number][] =>
  Object.entries(statuses).filter(([status, n]) => status.startsWith('5') && n > 0);

const list = (counts: [string, number][]) => counts.map(([status, n]) => `${n}× ${status}`).join(', ');

/**
 * Whether a load run passes, from its outcome alone: a broken run (checkout missing, a 5xx, an
 * order stuck in pending_payment, an oversell, a scenario that could not run) never exits 0.
 * Latency and throughput targets are reported, not judged here.
 */
export function judgeRun(outcome: RunOutcome, chosen: readonly ScenarioName[]): RunVerdict {
  const failures: string[] = [];
  const notes: string[] = [];
  for (const f of outcome.failed) failures.push(`${f.scenario} could not run: ${f.reason}`);
  const { checkout } = outcome;
  if (!chosen.includes('checkout')) {
    notes.push('checkout was not chosen (--scenarios): no order, stock or payment was checked');
  } else if (!checkout) {
    if (!outcome.failed.some((f) => f.scenario === 'checkout'))
      failures.push('the checkout scenario did not run');
  } else {
    const answered = Object.values(checkout.statuses).reduce((sum, n) => sum + n, 0);
    if (answered === 0) failures.push('the checkout scenario got no answer to any of its checkouts');
    if (checkout.oversell.ordersPending > 0)
      failures.push(
        `${checkout.oversell.ordersPending} order(s) still pending_payment after the run ` +
          `(${checkout.ordersFinalAfterSeconds.toFixed(0)} s after the first checkout)`,
      );
    for (const problem of checkout.oversell.problems) failures.push(`checkout: ${problem}`);
    const errors = serverErrors(checkout.statuses);
    if (errors.length > 0) failures.push(`checkout answered ${list(errors)}`);
  }
  for (const scenario of outcome.scenarios) {
    const errors = serverErrors(scenario.non2xx);
    if (errors.length > 0) failures.push(`${scenario.name} answered ${list(errors)}`);
  }
  return { ok: failures.length === 0, failures, notes };
}
