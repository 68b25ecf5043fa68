// One fault at a time: a component of `npm start` is killed (SIGKILL, a crash) or stopped
// (SIGTERM, as ECS stops a task), and the time until its replacement serves again is measured.
// `npm start`'s supervisor starts the replacement; .local/stack-pids.json names each process.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordedPid } from '../gateway-throttle.js';

export interface Target {
  name: string;
  entry: string;
  /** Its port: it serves again when /health/ready answers 200 there. */
  port?: number;
  /** A worker without a port serves again once its new process logs this line. */
  readyLog?: string;
}

export interface Fault {
  component: string;
  signal: 'SIGKILL' | 'SIGTERM';
  /** When the signal was sent and when the replacement served (ms since the run started). */
  at: number;
  servedAt?: number;
  /** Time until the component served again (ms), or undefined when it did not within the bound. */
  recoveryMs?: number;
  oldPid: number;
  newPid?: number;
}

const SERVE_WITHIN_MS = 60_000;

/** The pid `npm start` recorded for an entry point, if that process still runs it. */
export function runningPid(root: string, entry: string): number | undefined {
  const pid = recordedPid(root, entry);
  try {
    return pid !== undefined && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry)
      ? pid
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the component serves: its port answers ready, or its log shows the ready line since `logFrom`. */
async function serves(root: string, target: Target, logFrom: number): Promise<boolean> {
  if (target.port !== undefined) {
    try {
      const res = await fetch(`http://127.0.0.1:${target.port}/health/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }
  const log = readFileSync(logFile(root, target)).subarray(logFrom).toString('utf8');
  return target.readyLog !== undefined && log.includes(target.readyLog);
}

const logFile = (root: string, target: Target) => join(root, '.local', 'logs', `${target.name}.log`);

/** Sends the signal and waits (bounded) until a new process of the component serves. */
export async function inject(
  root: string,
  target: Target,
  signal: Fault['signal'],
  now: () => number,
): Promise<Fault> {
  const oldPid = runningPid(root, target.entry);
  if (oldPid === undefined) throw new Error(`${target.name} is not running under \`npm start\``);
  const logFrom = statSync(logFile(root, target)).size;
  const at = now();
  process.kill(oldPid, signal);
  const fault: Fault = { component: target.name, signal, at, oldPid };
  while (now() - at < SERVE_WITHIN_MS) {
    const pid = runningPid(root, target.entry);
    if (pid !== undefined && pid !== oldPid && (await serves(root, target, logFrom))) {
      fault.newPid = pid;
      fault.servedAt = now();
      fault.recoveryMs = Math.round(fault.servedAt - at);
      return fault;
    }
    await sleep(50);
  }
  return fault;
}
