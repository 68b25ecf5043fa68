import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@shopeasy/local-aws';
import type { GateResult, GateTarget, GateTool } from './gate.js';

const run = promisify(execFile);

/**
 * The breaking-change gate (`npm run contracts:breaking`): oasdiff compares each public contract
 * with the last release. It reads documents only, so it needs no stack; it also rewrites the
 * published changelog page (confluence-docs/api/changelog.md).
 */
export async function runOasdiffGate(reportDir: string): Promise<GateResult> {
  const root = repoRoot();
  try {
    // Exit 1 is a verdict (breaking changes), read from result.json like a pass.
    await run(process.execPath, ['tools/contracts/breaking-changes.mjs', '--report-dir', reportDir], {
      cwd: root,
      timeout: 600_000, // a clean clone builds oasdiff first (about 30 s)
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { code?: unknown }) => {
      if (error.code !== 1) throw error;
    });
    const result = JSON.parse(readFileSync(join(reportDir, 'result.json'), 'utf8')) as {
      ok: boolean;
      summary: string;
    };
    return { tool: 'oasdiff', ok: result.ok, summary: result.summary };
  } catch (error) {
    const message = error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error);
    return { tool: 'oasdiff', ok: false, summary: `could not run: ${message}` };
  }
}

// The gate runs it before any stack starts, so it may get no target.
export const oasdiff: GateTool = (target: GateTarget | undefined) =>
  runOasdiffGate(target?.reportDir('oasdiff') ?? oasdiffReportDir());

/** reports/contract/oasdiff/, for running the tool without a gate stack. */
export function oasdiffReportDir(): string {
  const dir = join(repoRoot(), 'reports', 'contract', 'oasdiff');
  mkdirSync(dir, { recursive: true });
  return dir;
}
