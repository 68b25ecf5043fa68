import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { recordedProcesses } from './stack-memory.js';

/** CPU seconds each stack process (and this load generator) has used so far. */
export type CpuSnapshot = Map<string, number>;

const LOAD_GENERATOR = 'load generator';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a /proc/<pid>/stat text, in clock ticks (the command may hold spaces). */
export function statTicks(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 3, utime 14 and stime 15 → indexes 11 and 12 here.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

export function cpuSnapshot(repoRoot: string): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const { name, pid } of recordedProcesses(repoRoot)) {
    try {
      const ticks = statTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (ticks !== undefined) snapshot.set(name, ticks / ticksPerSecond);
    } catch {
      // The process is gone: it used nothing more.
    }
  }
  const own = process.cpuUsage();
  snapshot.set(LOAD_GENERATOR, (own.user + own.system) / 1e6);
  return snapshot;
}

/**
 * Where the machine's time went during one load run: CPU ms per request for each process that
 * used any, and how busy the cores were. Empty when /proc cannot be read.
 */
export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
  seconds: number,
  cores: number,
): { perRequestMs: Record<string, number>; busy: number } | undefined {
  if (after.size <= 1 || requests === 0 || seconds <= 0) return undefined;
  const perRequestMs: Record<string, number> = {};
  let used = 0;
  for (const [name, total] of after) {
    const spent = total - (before.get(name) ?? total);
    used += spent;
    if (spent >= 0.05) perRequestMs[name] = Math.round((spent / requests) * 1000 * 10) / 10;
  }
  return { perRequestMs, busy: Math.min(1, used / (seconds * cores)) };
}

export function cpuLine(cpu: { perRequestMs: Record<string, number>; busy: number }): string {
  const parts = Object.entries(cpu.perRequestMs)
    .sort(([, a], [, b]) => b - a)
    .map(([name, ms]) => `${name} ${ms}`);
  return `CPU ms per request: ${parts.join(', ')} (cores ${Math.round(cpu.busy * 100)}% busy)`;
}
