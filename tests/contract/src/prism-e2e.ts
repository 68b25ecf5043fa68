import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { runProcess, type GateResult, type GateTarget, type GateTool } from './gate.js';

// Prism's log lines for a response that breaks the contract (an error, or a warning for an
// undeclared status); request-side lines are the tests' deliberately bad requests.
const VIOLATION = /Violation: response/;
// A run has a ceiling rather than hanging the gate.
const TIMEOUT_MS = 10 * 60_000;

/** The part of vitest's JSON report the summary needs. */
interface VitestReport {
  numTotalTests: number;
  numFailedTests: number;
}

/**
 * Runs one whole-stack vitest project with the gateway behind `prism proxy`, and tells the two
 * kinds of failure apart: a failed test is a behaviour failure (Prism passes the service's real
 * answers through), a violation in Prism's log is a contract failure. Either fails the tool.
 */
async function throughPrism(tool: string, project: string, env: NodeJS.ProcessEnv): Promise<GateResult> {
  const root = repoRoot();
  const dir = join(root, 'reports', 'contract', tool);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'vitest.json');
  const junit = join(dir, 'junit.xml');
  const prismLog = join(dir, 'prism.log');
  const args = ['--no-install', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', '--project', project];
  args.push('--reporter=default', '--reporter=json', '--reporter=junit');
  args.push(`--outputFile.json=${json}`, `--outputFile.junit=${junit}`);
  const { code } = await runProcess('npx', args, {
    cwd: root,
    env: { ...process.env, ...env, E2E_THROUGH_PRISM: '1', E2E_PRISM_LOG: prismLog },
    timeoutMs: TIMEOUT_MS,
  });
  const report = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as VitestReport) : undefined;
  const log = existsSync(prismLog) ? readFileSync(prismLog, 'utf8') : '';
  const violations = log.split('\n').filter((line) => VIOLATION.test(line)).length;
  const tests = report?.numTotalTests ?? 0;
  const failed = report?.numFailedTests ?? 0;
  const ok = code === 0 && report !== undefined && tests > 0 && failed === 0 && violations === 0;
  const summary =
    `${tests} tests through prism proxy: ${tests - failed} passed, ${failed} failed (behaviour); ` +
    `${violations} contract violations` +
    (ok ? '' : ` (vitest exit ${code}; see ${relative(root, dir)}/)`);
  return { tool, ok, summary };
}

/** The end-to-end flows, on the gate's seeded stack. */
export const flows: GateTool = (target: GateTarget) =>
  throughPrism('flows', 'e2e', {
    E2E_STACK: JSON.stringify({
      gatewayUrl: target.gatewayUrl,
      endpoint: target.endpoint,
      env: target.env,
      logDir: target.logDir,
      tracesUrl: target.tracesUrl,
    }),
  });

/** The fault test kills and restarts orders, so it starts a stack of its own. */
export const fault: GateTool = () => throughPrism('fault', 'fault', {});
