import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Resident and peak memory of one process of the stack, in MiB (Linux /proc). */
export interface ProcessMemory {
  name: string;
  pid: number;
  rssMiB: number;
  peakMiB: number;
}

/** The memory of the processes `npm start` recorded; empty where /proc or the records are missing. */
export function readStackMemory(repoRoot: string): ProcessMemory[] {
  return recordedProcesses(repoRoot).flatMap(({ name, pid }) => {
    const memory = statusMemory(pid);
    return memory ? [{ name, pid, ...memory }] : [];
  });
}

/**
 * The processes `npm start` recorded: the AWS emulator (.local/emulator.pid) and each component
 * (.local/stack-pids.json). Empty where the records are missing.
 */
export function recordedProcesses(repoRoot: string): { name: string; pid: number }[] {
  const local = join(repoRoot, '.local');
  const recorded: { name: string; pid: number }[] = [];
  try {
    recorded.push({
      name: 'aws emulator',
      pid: Number(readFileSync(join(local, 'emulator.pid'), 'utf8').trim()),
    });
  } catch {
    // No emulator started by `npm start` (one was already answering): nothing to read.
  }
  try {
    const components = JSON.parse(readFileSync(join(local, 'stack-pids.json'), 'utf8')) as {
      pid: number;
      entry: string;
    }[];
    recorded.push(...components.map(({ pid, entry }) => ({ name: componentName(entry), pid })));
  } catch {
    // Not started by `npm start`: no component records.
  }
  return recorded;
}

/** `services/orders/src/main.ts` → orders; `functions/notifications/src/local/runner.ts` → notifications. */
export function componentName(entry: string): string {
  const parts = entry.split('/');
  return parts[0] === 'services' || parts[0] === 'functions'
    ? (parts[1] ?? entry)
    : basename(dirname(dirname(entry)));
}

/** VmRSS and VmHWM (the peak) of a /proc/<pid>/status text, in MiB. */
export function parseStatusMemory(status: string): { rssMiB: number; peakMiB: number } | undefined {
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const rss = kib('VmRSS');
  const peak = kib('VmHWM');
  if (Number.isNaN(rss) || Number.isNaN(peak)) return undefined;
  return { rssMiB: Math.round(rss / 1024), peakMiB: Math.round(peak / 1024) };
}

function statusMemory(pid: number) {
  try {
    return parseStatusMemory(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** One line per process: resident memory before → after the run, and the peak. */
export function memoryLines(before: ProcessMemory[], after: ProcessMemory[]): string[] {
  if (after.length === 0)
    return ['Memory: not readable here (no /proc, or the stack was not started by `npm start`).'];
  return [
    'Memory (resident MiB, before → after the run, peak since start):',
    ...after.map((a) => {
      const b = before.find((p) => p.pid === a.pid);
      return `  ${a.name.padEnd(14)} ${b ? `${b.rssMiB} → ` : ''}${a.rssMiB}  (peak ${a.peakMiB})`;
    }),
  ];
}
