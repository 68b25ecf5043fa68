import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './chart.js';
import type { ThrottleSetting } from './gateway-throttle.js';
import { machineLine, type Machine } from './machine.js';
import type { LoadOptions } from './options.js';
import type { RunOutcome } from './scenario-runs.js';
import type { ProcessMemory } from './stack-memory.js';
import type { TargetCheck } from './targets.js';
import { p99Targets, throughputTargets } from './targets.js';

export interface LoadResults extends RunOutcome {
  date: string;
  machine: Machine;
  settings: Omit<LoadOptions, 'outDir' | 'allowThrottle'> & { throttle: ThrottleSetting };
  targets: TargetCheck[];
  /** Resident memory of each stack process before and after the run. */
  memory: { before: ProcessMemory[]; after: ProcessMemory[] };
  notes: string[];
}

/** Writes latest.json and latest.svg into the output directory; returns their paths. */
export function writeResults(outDir: string, results: LoadResults): { json: string; svg: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'latest.json');
  const svg = join(outDir, 'latest.svg');
  // NaN (a scenario without answers) is written as null.
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  const s = results.settings;
  writeFileSync(
    svg,
    renderChart({
      title: `ShopEasy load through the gateway — ${results.date.slice(0, 16).replace('T', ' ')} UTC`,
      subtitle:
        `${s.connections} connections, ${s.durationSeconds} s per scenario, on ${machineLine(results.machine)}` +
        ' (load generator and stack share it)',
      baseline: results.baseline,
      scenarios: results.scenarios,
      checkout: results.checkout,
      throughputTargets: throughputTargets(),
      p99Targets: p99Targets(),
    }),
  );
  return { json, svg };
}
