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

// The local targets of the capacity work: 16 connections through the gateway on this machine.
const THROUGHPUT_TARGETS = [
  { label: 'browse', what: 'category page', okPerSecond: 500, p99Ms: 100 },
  { label: 'product detail', what: 'product detail', okPerSecond: 800 },
  { label: 'search', what: 'search', okPerSecond: 100 },
] as const;

/** Adds and removes together, and not one answer that is not 2xx. */
const CART_TARGET = { labels: ['cart add', 'cart remove'], what: 'cart changes', okPerSecond: 150 };

const CHECKOUT_TARGET = { buyers: 100, units: 30, seconds: 5 };

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
  checks.push(cartCheck(figures));
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

function cartCheck(figures: readonly ScenarioFigures[]): TargetCheck {
  const { labels, what, okPerSecond } = CART_TARGET;
  const target = `≥ ${okPerSecond} req/s (adds and removes), no non-2xx`;
  const parts = figures.filter((f) => (labels as readonly string[]).includes(f.name));
  if (parts.length === 0) return { what, target, measured: 'not run', met: undefined };
  const rate = parts.reduce((n, f) => n + f.okPerSecond, 0);
  const failed = parts.reduce(
    (n, f) => n + f.errors + f.timeouts + Object.values(f.non2xx).reduce((a, b) => a + b, 0),
    0,
  );
  const measured = `${rate.toFixed(1)} req/s (2xx)${failed ? `, ${failed} not 2xx` : ''}`;
  return { what, target, measured, met: rate >= okPerSecond && failed === 0 };
}

/** Throughput targets (2xx/s) by scenario label, for the chart's markers (cart: half each way). */
export function throughputTargets(): Record<string, number> {
  return Object.fromEntries([
    ...THROUGHPUT_TARGETS.map((t) => [t.label, t.okPerSecond]),
    ...CART_TARGET.labels.map((label) => [label, CART_TARGET.okPerSecond / CART_TARGET.labels.length]),
  ]);
}

/** p99 targets (ms) by scenario label, for the chart's markers. */
export function p99Targets(): Record<string, number> {
  return Object.fromEntries(THROUGHPUT_TARGETS.flatMap((t) => ('p99Ms' in t ? [[t.label, t.p99Ms]] : [])));
}
