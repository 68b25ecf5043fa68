import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isRunning, stopProcess } from '@shopeasy/local-aws/lifecycle';

/**
 * `npm start` after a crash: the processes of the previous run may still hold the ports. Their
 * PIDs are recorded at start; any still running that is still one of ours (same command line)
 * is stopped before the new run starts.
 */
export async function stopStaleProcesses(pidFile: string): Promise<number> {
  if (!existsSync(pidFile)) return 0;
  const recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; entry: string }[];
  let stopped = 0;
  for (const { pid, entry } of recorded) {
    if (isRunning(pid) && commandLine(pid).includes(entry)) {
      await stopProcess(pid);
      stopped += 1;
    }
  }
  rmSync(pidFile, { force: true });
  return stopped;
}

export function recordProcesses(pidFile: string, processes: { pid: number; entry: string }[]): void {
  writeFileSync(pidFile, `${JSON.stringify(processes)}\n`);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return ''; // no /proc: leave it alone rather than stop a stranger
  }
}
