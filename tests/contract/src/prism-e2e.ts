import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { runProcess, type GateResult, type GateTool } from './gate.js';

// Prism's log lines for a violation: an error it answered 500 for (--errors), or a warning (undeclared status).
const VIOLATION = /Violation: |prism\/errors#VIOLATIONS/;
// The flows bring their own stack, so a run has a ceiling rather than hanging the gate.
const TIMEOUT_MS = 10 * 60_000;

/** The part of vitest's JSON report the summary needs. */
interface VitestReport {
  numTotalTests: number;
  numFailedTests: number;
}

/**
 * The end-to-end flows once more, with the gateway behind `prism proxy --errors`: a response
 * that breaks the public contract fails its flow, and the run when a flow swallowed it.
 */
export async function runPrismE2e(): Promise<GateResult> {
  const root = repoRoot();
  const dir = join(root, 'reports', 'contract', 'prism-e2e');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'vitest.json');
  const junit = join(dir, 'junit.xml');
  const prismLog = join(dir, 'prism.log');
  // Only the flow projects: the gate's own tests must not start it again.
  const args = ['--no-install', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', '--project', 'e2e'];
  args.push('--project', 'fault', '--reporter=default', '--reporter=json', '--reporter=junit');
  args.push(`--outputFile.json=${json}`, `--outputFile.junit=${junit}`);
  const { code } = await runProcess('npx', args, {
    cwd: root,
    env: { ...process.env, E2E_THROUGH_PRISM: '1', E2E_PRISM_LOG: prismLog },
    timeoutMs: TIMEOUT_MS,
  });
  const report = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as VitestReport) : undefined;
  const log = existsSync(prismLog) ? readFileSync(prismLog, 'utf8') : '';
  const violations = log.split('\n').filter((line) => VIOLATION.test(line)).length;
  const flows = report?.numTotalTests ?? 0;
  const failed = report?.numFailedTests ?? 0;
  const ok = code === 0 && report !== undefined && flows > 0 && failed === 0 && violations === 0;
  const summary =
    `${flows} flows through prism proxy --errors` +
    (failed > 0 ? ` (${failed} failed)` : '') +
    `, ${violations} contract violations` +
    (ok ? '' : ` (vitest exit ${code}; see ${relative(root, dir)}/)`);
  return { tool: 'prism-e2e', ok, summary };
}

/** It starts its own stack through the flows' global setup, so the gate's target is not used. */
export const prismE2e: GateTool = () => runPrismE2e();
