import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ResponseError } from '@shopeasy/api-client';
import { repoRoot } from '@shopeasy/local-aws';
import { runProcess, type GateTool } from './gate.js';
import { typescriptSmoke } from './partners-typescript-smoke.js';

// A cold Go build with module downloads is the slowest case; a warm run takes seconds.
const CLIENT_TIMEOUT_MS = 150_000;

interface ClientRun {
  client: string;
  ok: boolean;
  seconds: number;
  log: string;
}

/** Runs a partner smoke script against the gateway, its output in <dir>/<client>.log. */
async function runScript(root: string, client: string, gatewayUrl: string, dir: string): Promise<ClientRun> {
  const started = Date.now();
  const logFile = join(dir, `${client}.log`);
  // Without MOCK_URL the tests know they face a live ShopEasy, not the mock's fixed examples.
  const { MOCK_URL: _mock, ...env } = process.env;
  let ok = false;
  let note = '';
  try {
    const run = await runProcess('bash', [join(root, 'partners', client, 'run-smoke.sh')], {
      cwd: root,
      env: { ...env, SHOPEASY_BASE_URL: gatewayUrl },
      timeoutMs: CLIENT_TIMEOUT_MS,
      logFile,
      group: true,
    });
    ok = run.code === 0;
    if (run.timedOut) note = `\nkilled after ${CLIENT_TIMEOUT_MS / 1000} s`;
  } catch (error) {
    note = `\n${(error as Error).message}`;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  return { client, ok, seconds, log: readFileSync(logFile, 'utf8') + note };
}

async function runTypescript(gatewayUrl: string, dir: string): Promise<ClientRun> {
  const started = Date.now();
  let ok = true;
  let log = 'register → log in → browse → add to cart → check out → read the order: passed\n';
  try {
    await typescriptSmoke(gatewayUrl);
  } catch (error) {
    ok = false;
    // The generated client's error says only "Response returned an error code": show the answer.
    log =
      error instanceof ResponseError
        ? `${error.response.status} ${error.response.url}\n${await error.response.text()}\n`
        : `${(error as Error).stack ?? String(error)}\n`;
  }
  writeFileSync(join(dir, 'typescript.log'), log);
  return { client: 'typescript', ok, seconds: Math.round((Date.now() - started) / 1000), log };
}

const xml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** One JUnit test case per client, the failing client's log as its failure. */
function junit(runs: ClientRun[]): string {
  const failures = runs.filter((r) => !r.ok).length;
  const cases = runs.map((r) => {
    const name = `${r.client} client: register → order read back`;
    const failure = r.ok ? '' : `<failure message="smoke failed">${xml(r.log.slice(-8000))}</failure>`;
    return `  <testcase classname="partners" name="${xml(name)}" time="${r.seconds}">${failure}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="partners" tests="${runs.length}" failures="${failures}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}

/**
 * The Python, Go and TypeScript generated clients against the live gateway: each registers a
 * fresh customer, buys a seeded product in stock and reads the order back.
 */
export const partners: GateTool = async (target) => {
  const root = repoRoot();
  const dir = target.reportDir('partners');
  const runs = [
    await runScript(root, 'python', target.gatewayUrl, dir),
    await runScript(root, 'go', target.gatewayUrl, dir),
    await runTypescript(target.gatewayUrl, dir),
  ];
  writeFileSync(join(dir, 'junit.xml'), junit(runs));
  const ok = runs.every((r) => r.ok);
  const verdicts = runs.map((r) => `${r.client} ${r.ok ? 'ok' : 'FAIL'}`).join(', ');
  const where = ok ? '' : `; logs in ${relative(root, dir)}/`;
  return { tool: 'partners', ok, summary: `${verdicts} (register → order read back)${where}` };
};
