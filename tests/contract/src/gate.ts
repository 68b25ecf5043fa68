import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { startStack, TEST_STACK_ENV } from '@shopeasy/local-stack';

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
  /** Where a tool writes its reports (JUnit XML and the like): reports/contract/<tool>/. */
  reportDir(tool: string): string;
  /** The local admin account the users service creates at start-up. */
  admin: { email: string; password: string };
}

/** One tool's verdict; the gate prints `summary` as its one line. */
export interface GateResult {
  tool: string;
  ok: boolean;
  summary: string;
}

export type GateTool = (target: GateTarget) => Promise<GateResult>;

/** Starts the seeded stack on free ports, runs `work` against it, and stops it by process id. */
export async function withGateStack<T>(work: (target: GateTarget) => Promise<T>): Promise<T> {
  // The tools send many requests from one address: the test stacks' limits.
  const stack = await startStack({ ports: 'free', seed: true, env: { ...TEST_STACK_ENV } });
  try {
    if (!stack.gatewayUrl) throw new Error('The gateway is missing from this checkout');
    const root = repoRoot();
    return await work({
      gatewayUrl: stack.gatewayUrl,
      endpoint: stack.endpoint,
      env: stack.env,
      logDir: stack.logDir,
      reportDir: (tool) => {
        const dir = join(root, 'reports', 'contract', tool);
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      admin: { email: 'admin@shopeasy.local', password: 'shopeasy-admin-local-only' },
    });
  } finally {
    await stack.stop();
  }
}

/** For a tool's own CLI: its stack, its run, its line, its exit code. */
export async function runStandalone(tool: GateTool): Promise<void> {
  const result = await withGateStack(tool);
  console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.tool}: ${result.summary}`);
  process.exitCode = result.ok ? 0 : 1;
}
