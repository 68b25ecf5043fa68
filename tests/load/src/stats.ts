/** What one scenario measured, as printed and written to the results JSON. */
export interface ScenarioFigures {
  name: string;
  /** Every answered request, whatever its status. */
  requests: number;
  /** Answered requests per second, whatever their status. */
  requestsPerSecond: number;
  /** 2xx answers per second: what the targets and the baseline ratio use. */
  okPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Count per non-2xx status, e.g. { "429": 12 }. */
  non2xx: Record<string, number>;
  /** Connection errors and timeouts (requests without an answer). */
  errors: number;
  timeouts: number;
  durationSeconds: number;
  /** okPerSecond of this scenario / okPerSecond of the bare node:http baseline. */
  ratioToBaseline?: number;
  /** CPU ms per request of each stack process over the run, and how busy the cores were. */
  cpu?: { perRequestMs: Record<string, number>; busy: number };
}

/** Nearest-rank percentile of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** One latency sample: the answer's status and how long it took. */
export interface Sample {
  status: number;
  ms: number;
}

/** Figures of a scenario from its samples, errors and measured duration. */
export function summarise(
  name: string,
  samples: readonly Sample[],
  durationSeconds: number,
  failures: { errors: number; timeouts: number } = { errors: 0, timeouts: 0 },
): ScenarioFigures {
  const latencies = samples.map((s) => s.ms);
  const non2xx: Record<string, number> = {};
  let ok = 0;
  for (const { status } of samples) {
    if (status >= 200 && status < 300) ok += 1;
    else non2xx[String(status)] = (non2xx[String(status)] ?? 0) + 1;
  }
  const perSecond = (n: number) => (durationSeconds > 0 ? n / durationSeconds : 0);
  return {
    name,
    requests: samples.length,
    requestsPerSecond: perSecond(samples.length),
    okPerSecond: perSecond(ok),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      // Not Math.max(...latencies): a baseline run has more samples than the call stack has room for.
      max: latencies.length ? latencies.reduce((a, b) => (b > a ? b : a)) : Number.NaN,
    },
    non2xx,
    errors: failures.errors,
    timeouts: failures.timeouts,
    durationSeconds,
  };
}

/** Throughput as a fraction of the baseline's; undefined when the baseline answered nothing. */
export function ratio(perSecond: number, baselinePerSecond: number): number | undefined {
  return baselinePerSecond > 0 ? perSecond / baselinePerSecond : undefined;
}
