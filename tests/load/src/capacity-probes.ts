import { mapLimit } from './api.js';
import type { CapacityMeter, CapacityWindow, DynamoRow, ScenarioCapacity } from './capacity-meter.js';
import { toWindow } from './capacity-meter.js';
import type { ScenarioName } from './options.js';
import { SORTS } from './scenarios.js';

/** Keys per cold probe: enough to average the cost of a miss, few enough to keep the run short. */
export const PROBE_KEYS = 40;

/** First pages of distinct category × sort listings, none requested before in this run. */
export function browseProbePaths(categoryIds: readonly string[], keys = PROBE_KEYS): string[] {
  return SORTS.flatMap((sort) =>
    categoryIds.map((id) => `/v1/categories/${id}/products?limit=20&sort=${sort}`),
  ).slice(0, keys);
}

export function detailProbePaths(productIds: readonly string[], keys = PROBE_KEYS): string[] {
  return productIds.slice(0, keys).map((id) => `/v1/products/${id}`);
}

export function searchProbePaths(terms: readonly string[], keys = PROBE_KEYS): string[] {
  return terms.slice(0, keys).map((term) => `/v1/products?q=${encodeURIComponent(term)}&limit=20`);
}

/**
 * Collects each scenario's capacity from the emulator's meter: an optional cold probe, a reset
 * just before the load, a settled read after it. A meter that stops answering is reported once
 * and left alone; the run never fails for it.
 */
export class CapacityCollector {
  readonly scenarios: Partial<Record<ScenarioName, ScenarioCapacity>> = {};
  private miss: CapacityWindow | undefined;

  constructor(
    private meter: CapacityMeter | undefined,
    private readonly gatewayUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Before the load: the cold probe (read scenarios only), then a reset. */
  async before(label: string, probePaths: readonly string[] = []): Promise<void> {
    this.miss = undefined;
    await this.guard(async (meter) => {
      if (probePaths.length > 0) {
        await meter.reset();
        const answered = await sendAll(this.gatewayUrl, probePaths);
        this.miss = toWindow(await meter.readSettled(), { [label]: answered });
      }
      await meter.reset();
    });
  }

  /** After the load: waits for the workers to settle, takes the harness's own rows out, keeps the window. */
  async after(
    name: ScenarioName,
    requests: Record<string, number>,
    ownRowsOut: (rows: readonly DynamoRow[]) => DynamoRow[] = (rows) => [...rows],
  ): Promise<void> {
    await this.guard(async (meter) => {
      const read = toWindow(await meter.readSettled(), requests);
      const window = { ...read, dynamodb: ownRowsOut(read.dynamodb) };
      this.scenarios[name] = this.miss ? { ...window, miss: this.miss } : window;
      const units = window.dynamodb.reduce((n, r) => n + r.units, 0);
      this.log(`  capacity: ${window.dynamodb.length} DynamoDB patterns, ${Math.round(units)} units`);
    });
  }

  private async guard(step: (meter: CapacityMeter) => Promise<void>): Promise<void> {
    if (!this.meter) return;
    try {
      await step(this.meter);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.log(
        `  capacity meter at ${this.meter.endpoint} stopped answering (${why}); no more capacity recorded`,
      );
      this.meter = undefined;
    }
  }
}

/** GETs each path once, four at a time; returns how many answered 2xx. */
async function sendAll(gatewayUrl: string, paths: readonly string[]): Promise<number> {
  const ok = await mapLimit(paths, 4, async (path) => {
    const res = await fetch(`${gatewayUrl}${path}`, { signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    return res.ok;
  });
  return ok.filter(Boolean).length;
}
