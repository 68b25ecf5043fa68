import type { Fault } from './faults.js';
import type { WindowFigures } from './recorder.js';

/** One line per fault: how long the component was out, and what the traffic saw meanwhile. */
export function faultTable(faults: readonly (Fault & { requests: WindowFigures })[]): string[] {
  const lines = ['signal   component      back after   requests   failed   not 2xx by status'];
  for (const f of faults) {
    const back = f.recoveryMs === undefined ? 'not back' : `${(f.recoveryMs / 1000).toFixed(2)} s`;
    const statuses = Object.entries(f.requests.byStatus)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    lines.push(
      `${f.signal.padEnd(8)} ${f.component.padEnd(14)} ${back.padStart(10)}   ${String(f.requests.requests).padStart(8)}   ${String(f.requests.failed).padStart(6)}   ${statuses || '-'}`,
    );
  }
  return lines;
}
