import { formatMs } from './format.js';
import type { CheckoutFigures } from './checkout.js';
import type { ScenarioFigures } from './stats.js';

/** One target of the issue next to what this run measured. Timings are reported, never enforced. */
export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  /** undefined when the scenario did not run. */
  met: boolean | undefined;
}

const THROUGHPUT_TARGETS = [
  { label: 'browse', what: 'category page', okPerSecond: 150, p99Ms: 300 },
  { label: 'product detail', what: 'product detail', okPerSecond: 300 },
  { label: 'search', what: 'search', okPerSecond: 50 },
  { label: 'cart add', what: 'cart add', okPerSecond: 100 },
] as const;

const CHECKOUT_TARGET = { buyers: 100, units: 30, seconds: 10 };

/** The part of a checkout run the target judges. */
type CheckoutOutcome = Pick<CheckoutFigures, 'buyers' | 'units' | 'settledSeconds' | 'errors' | 'statuses'>;

export function checkTargets(figures: readonly ScenarioFigures[], checkout?: CheckoutOutcome): TargetCheck[] {
  const checks: TargetCheck[] = THROUGHPUT_TARGETS.map((t) => {
    const target = `≥ ${t.okPerSecond} req/s${'p99Ms' in t ? `, p99 ≤ ${t.p99Ms} ms` : ''}`;
    const f = figures.find((x) => x.name === t.label);
    if (!f) return { what: t.what, target, measured: 'not run', met: undefined };
    const p99 = f.latencyMs.p99;
    const fastEnough = !('p99Ms' in t) || (Number.isFinite(p99) && p99 <= t.p99Ms);
    const measured =
      `${f.okPerSecond.toFixed(1)} req/s (2xx)` + ('p99Ms' in t ? `, p99 ${formatMs(p99)} ms` : '');
    return { what: t.what, target, measured, met: f.okPerSecond >= t.okPerSecond && fastEnough };
  });
  const { buyers, units, seconds } = CHECKOUT_TARGET;
  const target = `${buyers} buyers for ${units} units settled in ≤ ${seconds} s`;
  if (!checkout) {
    checks.push({ what: 'checkout under contention', target, measured: 'not run', met: undefined });
  } else {
    // Settled: every buyer got a definite answer (an order or a refusal), not a 5xx, 429 or nothing.
    const indefinite =
      checkout.errors +
      Object.entries(checkout.statuses)
        .filter(([status]) => status === '429' || Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, 0);
    const shape =
      checkout.buyers === buyers && checkout.units === units
        ? ''
        : ` (${checkout.buyers} buyers, ${checkout.units} units)`;
    const unsettled = indefinite ? `, ${indefinite} without a definite answer` : '';
    checks.push({
      what: 'checkout under contention',
      target,
      measured: `${checkout.settledSeconds.toFixed(2)} s${shape}${unsettled}`,
      met: checkout.settledSeconds <= seconds && indefinite === 0 && shape === '',
    });
  }
  return checks;
}

/** Throughput targets (2xx/s) by scenario label, for the chart's markers. */
export function throughputTargets(): Record<string, number> {
  return Object.fromEntries(THROUGHPUT_TARGETS.map((t) => [t.label, t.okPerSecond]));
}

/** p99 targets (ms) by scenario label, for the chart's markers. */
export function p99Targets(): Record<string, number> {
  return Object.fromEntries(THROUGHPUT_TARGETS.flatMap((t) => ('p99Ms' in t ? [[t.label, t.p99Ms]] : [])));
}
