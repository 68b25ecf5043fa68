import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Extra dimensions of a metric besides `service` (e.g. `{ operation: 'createOrder' }`). */
export type Dimensions = Readonly<Record<string, string>>;

/**
 * CloudWatch metrics of one process, namespace `ShopEasy`, written as EMF JSON lines on stdout
 * (CloudWatch Logs turns them into metrics; locally they sit in the log). Counts add up in memory
 * and leave once per flush interval; durations leave as value lists (up to 100 per line), so
 * percentiles stay exact.
 */
export interface ServiceMetrics {
  count(name: string, dimensions?: Dimensions, value?: number): void;
  duration(name: string, milliseconds: number, dimensions?: Dimensions): void;
  /** One answered request: Requests, Responses4xx, Responses5xx, Latency by service and by operation. */
  request(operation: string, status: number, milliseconds: number): void;
  /** Writes what is pending now. */
  flush(): void;
  /** Flushes and stops the timer. */
  stop(): void;
}

export const METRICS_NAMESPACE = 'ShopEasy';

interface DimensionSet {
  emf: Metrics;
  counts: Map<string, number>;
}

export function createServiceMetrics(service: string, options: { flushIntervalMs: number }): ServiceMetrics {
  const sets = new Map<string, DimensionSet>();
  const setFor = (dimensions: Dimensions = {}): DimensionSet => {
    const key = JSON.stringify(dimensions);
    let set = sets.get(key);
    if (!set) {
      set = {
        emf: new Metrics({
          namespace: METRICS_NAMESPACE,
          serviceName: service,
          defaultDimensions: { ...dimensions },
        }),
        counts: new Map(),
      };
      sets.set(key, set);
    }
    return set;
  };
  const count = (name: string, dimensions?: Dimensions, value = 1) => {
    const { counts } = setFor(dimensions);
    counts.set(name, (counts.get(name) ?? 0) + value);
  };
  const duration = (name: string, milliseconds: number, dimensions?: Dimensions) =>
    // Powertools writes the line by itself once a metric holds 100 values.
    setFor(dimensions).emf.addMetric(name, MetricUnit.Milliseconds, Math.round(milliseconds * 10) / 10);
  const flush = () => {
    for (const { emf, counts } of sets.values()) {
      for (const [name, value] of counts) emf.addMetric(name, MetricUnit.Count, value);
      counts.clear();
      if (emf.hasStoredMetrics()) emf.publishStoredMetrics();
    }
  };
  const timer = setInterval(flush, options.flushIntervalMs);
  timer.unref();
  return {
    count,
    duration,
    request(operation, status, milliseconds) {
      for (const dimensions of [{}, { operation }] as Dimensions[]) {
        count('Requests', dimensions);
        count('Responses4xx', dimensions, status >= 400 && status < 500 ? 1 : 0);
        count('Responses5xx', dimensions, status >= 500 ? 1 : 0);
        duration('Latency', milliseconds, dimensions);
      }
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}

/** The test override every wiring takes: `metrics: false` keeps EMF lines out of test output. */
export interface MetricsOverride {
  metrics?: false;
}

/** A process's metrics from its configuration, as its wiring builds them; none when turned off. */
export function metricsFor(
  service: string,
  config: { METRICS_FLUSH_INTERVAL_MS: number },
  overrides: MetricsOverride = {},
): ServiceMetrics | undefined {
  if (overrides.metrics === false) return undefined;
  return createServiceMetrics(service, { flushIntervalMs: config.METRICS_FLUSH_INTERVAL_MS });
}
