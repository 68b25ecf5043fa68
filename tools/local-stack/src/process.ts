import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopProcess } from '@shopeasy/local-aws/lifecycle';
import type { Component } from './components.js';

export interface RunningComponent {
  component: Component;
  pid: number;
  url?: string;
  logFile: string;
  /** The log's size when it was spawned: what it writes from then on is its own (the log appends). */
  logStart: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

// Loaded before a component's code when spans are exported: the instrumentations hook its imports.
const TELEMETRY = ['--import', '@shopeasy/service-kit/telemetry/register'];

// What a component defined in the cloud takes from the environment it was started from: how the
// machine runs programs, nothing ShopEasy reads. A table or queue variable of the shell (or of a
// test runner's emulator) would otherwise hide one its definition forgot.
const MACHINE_VARIABLES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'TZ',
  'CI',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  // Recording the AWS calls for the IAM check (tools/iam-check) changes nothing a process does.
  'AWS_CALL_LOG',
];

/**
 * Spawns a component with tsx (no build step); `waitReady` then waits for it. With
 * OTEL_EXPORTER_OTLP_ENDPOINT in `env`, it traces under its own name. With `machineOnly` (a
 * component wholly defined in the cloud) it gets `env` and only the machine's variables of this
 * process; otherwise it inherits all of them.
 */
export function spawnComponent(
  root: string,
  component: Component,
  env: Record<string, string>,
  logDir: string,
  port?: number,
  machineOnly = false,
): RunningComponent {
  const inherited = machineOnly
    ? Object.fromEntries(
        MACHINE_VARIABLES.filter((name) => process.env[name]).map((n) => [n, process.env[n]]),
      )
    : process.env;
  const logFile = join(logDir, `${component.name}.log`);
  const log = openSync(logFile, 'a');
  const logStart = fstatSync(log).size;
  const traced = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const args = ['--conditions=source', '--import', 'tsx', ...(traced ? TELEMETRY : []), component.entry];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...inherited,
      ...env,
      ...(traced ? { OTEL_SERVICE_NAME: component.name } : {}),
      ...(port !== undefined ? { PORT: String(port) } : {}),
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`Could not start ${component.name}`);
  const pid = child.pid;
  const url = port !== undefined ? `http://127.0.0.1:${port}` : undefined;
  return { component, pid, url, logFile, logStart, child, stop: () => stopProcess(pid, child, 15_000) };
}

/**
 * Resolves once /health/ready answers 200 (a worker without a port: once its log holds its
 * `readyLog` line, or at once without one); throws with the log tail when the process exits or is
 * not ready within 90 s, and when `signal` aborts.
 */
export async function waitReady(running: RunningComponent, signal?: AbortSignal): Promise<void> {
  const { url } = running;
  const { readyLog } = running.component;
  if (!url && !readyLog) return;
  const deadline = Date.now() + 90_000;
  for (;;) {
    signal?.throwIfAborted();
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      const how = running.child.exitCode ?? running.child.signalCode;
      throw new Error(
        `${running.component.name} exited (${how}):\n${tail(running.logFile, running.logStart)}`,
      );
    }
    if (url) {
      try {
        const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
    } else if (
      readyLog &&
      readFileSync(running.logFile).subarray(running.logStart).toString('utf8').includes(readyLog)
    ) {
      // Only this process's lines: an earlier run's ready line is still in the log.
      return;
    }
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(
        `${running.component.name} was not ready within 90 s:\n${tail(running.logFile, running.logStart)}`,
      );
    }
    await sleep(100, undefined, signal ? { signal } : {});
  }
}

export function tail(file: string, from = 0): string {
  return readFileSync(file).subarray(from).toString('utf8').split('\n').slice(-20).join('\n');
}
