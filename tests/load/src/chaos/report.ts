// What a chaos run prints and writes beside the load results: a line per fault, the invariants,
// and chaos.json with chaos.svg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineLine, type Machine } from '../machine.js';
import { chaosChart } from './chart.js';
import type { Fault } from './faults.js';
import type { Check } from './invariants.js';
import type { WindowFigures } from './recorder.js';

type FaultFigures = Fault & { requests: WindowFigures };

/** One line per fault: how long the component was out, and what the traffic saw meanwhile. */
export function faultTable(faults: readonly FaultFigures[]): string[] {
  const lines = [
    'signal   component      back after   requests   failed   not 2xx by status; failed by request',
  ];
  for (const f of faults) {
    const back = f.recoveryMs === undefined ? 'not back' : `${(f.recoveryMs / 1000).toFixed(2)} s`;
    const statuses = Object.entries(f.requests.byStatus)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const kinds = Object.entries(f.requests.failedByKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    lines.push(
      `${f.signal.padEnd(8)} ${f.component.padEnd(14)} ${back.padStart(10)}   ${String(f.requests.requests).padStart(8)}   ${String(f.requests.failed).padStart(6)}   ${statuses || '-'}${kinds ? `; ${kinds}` : ''}`,
    );
  }
  return lines;
}

/** The closing report: the faults, the whole run, and each invariant with its problems. */
export function reportLines(
  faults: readonly FaultFigures[],
  whole: WindowFigures,
  checks: readonly Check[],
  waitedSeconds: number,
): string[] {
  return [
    '',
    ...faultTable(faults),
    `\nWhole run: ${whole.requests} requests, ${whole.failed} failed (${JSON.stringify(whole.byStatus)}).`,
    `Invariants (read back after ${waitedSeconds.toFixed(0)} s):`,
    ...checks.flatMap((c) => [
      `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`,
      ...c.problems.map((p) => `       - ${p}`),
    ]),
  ];
}

/** Writes chaos.json and chaos.svg into the results folder; their paths. */
export function writeChaosResults(
  directory: string,
  run: {
    machine: Machine;
    settings: object;
    faults: readonly FaultFigures[];
    whole: WindowFigures;
    checks: readonly Check[];
    races: number;
    notes: readonly string[];
    seconds: readonly { second: number; ok: number; failed: number }[];
  },
): string[] {
  const date = new Date().toISOString();
  const { seconds, ...figures } = run;
  const json = join(directory, 'chaos.json');
  const svg = join(directory, 'chaos.svg');
  writeFileSync(json, `${JSON.stringify({ date, ...figures }, null, 2)}\n`);
  writeFileSync(
    svg,
    chaosChart({
      title: 'ShopEasy chaos: every component killed, then stopped, under traffic',
      subtitle: `${date.slice(0, 16)} · ${machineLine(run.machine)} · ${run.whole.requests} requests, ${run.whole.failed} failed`,
      seconds,
      faults: run.faults,
    }),
  );
  return [json, svg];
}
