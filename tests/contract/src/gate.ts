import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { startStack, TEST_STACK_ENV } from '@shopeasy/local-stack';
import { startOtlpReceiver } from '@shopeasy/service-kit/testing';

/** What every tool of the gate runs against: one whole local ShopEasy, seeded, on free ports. */
export interface GateTarget {
  /** The gateway, e.g. http://127.0.0.1:41234 (the API is under /v1). */
  gatewayUrl: string;
  /** The AWS emulator. */
  endpoint: string;
  /** Each component's URL and resource variables, as the stack gave them to the processes. */
  env: Record<string, string>;
  /** Each process's log is <logDir>/<component>.log. */
  logDir: string;
  /** Where every process sends its spans; `GET <tracesUrl>/api/traces/<traceId>` reads one trace. */
  tracesUrl: string;
  /** Where a tool writes its reports (JUnit XML and the like): reports/contract/<tool>/. */
  reportDir(tool: string): string;
  /** The local admin account the users service creates at start-up. */
  admin: { email: string; password: string };
  /** Where every process records the AWS calls it makes (the service kit's AWS_CALL_LOG). */
  awsCallLog: string;
}

/** One tool's verdict; the gate prints `summary` as its one line. */
export interface GateResult {
  tool: string;
  ok: boolean;
  summary: string;
}

export type GateTool = (target: GateTarget) => Promise<GateResult>;

/**
 * Starts the seeded stack on free ports, tracing as in AWS to a receiver standing in for the
 * collector, runs `work` against it, and stops both by process id.
 */
export async function withGateStack<T>(work: (target: GateTarget) => Promise<T>): Promise<T> {
  const traces = await startOtlpReceiver();
  try {
    const root = repoRoot();
    const awsCallLog = join(root, 'reports', 'contract', 'aws-calls.jsonl');
    mkdirSync(dirname(awsCallLog), { recursive: true });
    rmSync(awsCallLog, { force: true });
    // The tools send many requests from one address: the test stacks' limits.
    const env = { ...TEST_STACK_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint, AWS_CALL_LOG: awsCallLog };
    const stack = await startStack({ ports: 'free', seed: true, env });
    try {
      if (!stack.gatewayUrl) throw new Error('The gateway is missing from this checkout');
      return await work({
        gatewayUrl: stack.gatewayUrl,
        endpoint: stack.endpoint,
        env: stack.env,
        logDir: stack.logDir,
        tracesUrl: traces.endpoint,
        reportDir: (tool) => {
          const dir = join(root, 'reports', 'contract', tool);
          mkdirSync(dir, { recursive: true });
          return dir;
        },
        admin: { email: stack.env.ADMIN_EMAIL ?? '', password: stack.env.ADMIN_PASSWORD ?? '' },
        awsCallLog,
      });
    } finally {
      await stack.stop();
    }
  } finally {
    await traces.stop();
  }
}

/** For a tool's own CLI: its stack, its run, its line, its exit code. */
export async function runStandalone(tool: GateTool): Promise<void> {
  const result = await withGateStack(tool);
  console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.tool}: ${result.summary}`);
  process.exitCode = result.ok ? 0 : 1;
}

export interface ProcessRun {
  /** The exit code; 128 + signal number style 137 when it was killed. */
  code: number;
  timedOut: boolean;
}

/**
 * The one way the gate runs an outside tool: output into `logFile` or inherited, ended with
 * SIGKILL after `timeoutMs`, so no tool can hang the gate. With `group`, it runs in its own
 * process group and the timeout ends what it started too (`go test`'s test binary); without,
 * it stays in the gate's group, so Ctrl-C reaches it.
 */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; logFile?: string; group?: boolean },
): Promise<ProcessRun> {
  const log = options.logFile ? openSync(options.logFile, 'w') : undefined;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: log === undefined ? ['ignore', 'inherit', 'inherit'] : ['ignore', log, log],
    detached: options.group ?? false,
  });
  if (log !== undefined) closeSync(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (options.group) process.kill(-child.pid!, 'SIGKILL');
    else child.kill('SIGKILL');
  }, options.timeoutMs);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return { code: code ?? (signal ? 137 : 1), timedOut };
  } finally {
    clearTimeout(timer);
  }
}
