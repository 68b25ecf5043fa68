import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { runProcess, type GateTool } from './gate.js';

const BUNDLE = 'contracts/dist/shopeasy.openapi.json';
const HOOKS = 'tests/contract/dredd/hooks.cjs';
/** Dredd takes about 25 s here; past this it is stuck, not slow. */
const TIMEOUT_MS = 180_000;
/** The documented error answers the gate must see at least once each. */
const REQUIRED_ERRORS = [400, 401, 403, 404, 409];

/** One transaction as the hooks' afterAll wrote it (Dredd's own report names only the URI). */
interface Outcome {
  operationId: string;
  status: number;
  result: 'pass' | 'fail' | 'skip';
}

/** Dredd's one-line reason per failed transaction, from its log. */
function failureLines(logFile: string): string {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const failures = lines.slice(lines.findIndex((l) => l.includes('Displaying failed tests')));
  return failures.filter((l) => l.startsWith('fail: ')).join('\n');
}

function countOperations(root: string): number {
  const bundle = JSON.parse(readFileSync(join(root, BUNDLE), 'utf8')) as { paths: Record<string, object> };
  const methods = ['get', 'put', 'post', 'patch', 'delete'];
  return Object.values(bundle.paths).reduce(
    (n, item) => n + Object.keys(item).filter((m) => methods.includes(m)).length,
    0,
  );
}

/** Dredd over every public operation of the bundle, with hooks that make fixtures and pick tokens. */
export const dredd: GateTool = async (target) => {
  const root = repoRoot();
  const dir = target.reportDir('dredd');
  const junit = join(dir, 'junit.xml');
  const outcomesFile = join(dir, 'outcomes.json');
  const logFile = join(dir, 'dredd.log');
  rmSync(outcomesFile, { force: true });
  rmSync(junit, { force: true });
  // Dredd 14 calls its JUnit-format reporter "xunit"; "junit" is silently ignored.
  const args = [
    BUNDLE,
    target.gatewayUrl,
    '--hookfiles',
    join(root, HOOKS),
    '--no-color',
    '--loglevel',
    'error',
  ];
  args.push('--reporter', 'xunit', '--output', junit);
  const bin = createRequire(import.meta.url).resolve('dredd/bin/dredd');
  const { code } = await runProcess(process.execPath, [bin, ...args], {
    cwd: root,
    env: {
      ...process.env,
      DREDD_GATEWAY_URL: target.gatewayUrl,
      DREDD_ADMIN_EMAIL: target.admin.email,
      DREDD_ADMIN_PASSWORD: target.admin.password,
      DREDD_OUTCOMES_FILE: outcomesFile,
    },
    timeoutMs: TIMEOUT_MS,
    logFile,
  });
  if (!existsSync(outcomesFile) || !existsSync(junit)) {
    return { tool: 'dredd', ok: false, summary: `Dredd exited ${code} without its reports; see ${logFile}` };
  }
  // Dredd writes time="NaN" for skipped cases, which is not a number JUnit readers can parse.
  writeFileSync(junit, readFileSync(junit, 'utf8').replaceAll('time="NaN"', 'time="0"'));

  const outcomes = JSON.parse(readFileSync(outcomesFile, 'utf8')) as Outcome[];
  const passed = outcomes.filter((o) => o.result === 'pass');
  const failed = outcomes.filter((o) => o.result === 'fail');
  const skipped = outcomes.length - passed.length - failed.length;
  const operations = countOperations(root);
  const covered = new Set(passed.map((o) => o.operationId)).size;
  const errorStatuses = [...new Set(passed.filter((o) => o.status >= 400).map((o) => o.status))].sort(
    (a, b) => a - b,
  );
  const missingErrors = REQUIRED_ERRORS.filter((s) => !errorStatuses.includes(s));
  const ran = new Set(outcomes.filter((o) => o.result !== 'skip').map((o) => o.status));
  const notCaused = [...new Set(outcomes.map((o) => o.status))]
    .filter((s) => !ran.has(s))
    .sort((a, b) => a - b);
  const untested2xx = outcomes.filter((o) => o.status < 300 && o.result !== 'pass').map((o) => o.operationId);

  const summary =
    `${outcomes.length} transactions, ${passed.length} passed, ${failed.length} failed, ${skipped} skipped ` +
    `(${covered}/${operations} operations; errors ${errorStatuses.join('/')} exercised, ${notCaused.join('/')} not caused; ` +
    `bodies not schema-checked by Dredd)` +
    (missingErrors.length > 0 ? `; never exercised: ${missingErrors.join(', ')}` : '') +
    (untested2xx.length > 0 ? `; success not seen for: ${untested2xx.join(', ')}` : '') +
    (code !== 0 ? `; see ${logFile}` : '');
  if (failed.length > 0) console.error(failureLines(logFile));
  // Every operation's success answer must pass, and each required error status at least once.
  const ok =
    code === 0 &&
    failed.length === 0 &&
    covered === operations &&
    missingErrors.length === 0 &&
    untested2xx.length === 0;
  return { tool: 'dredd', ok, summary };
};
