#!/usr/bin/env node
// The breaking-change gate for partners: oasdiff compares each public contract with the last
// released one and fails on breaking changes unless the contract's major version went up.
//   node tools/contracts/breaking-changes.mjs [--base <ref>] [--changelog <file> | --no-changelog]
//     [--report-dir <dir>] [--root <git work tree>]
// Writes the changelog page (default confluence-docs/api/changelog.md) and, with --report-dir,
// oasdiff.xml (JUnit) and result.json there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from './src/domains.mjs';
import { checkBreakingChanges, ensureOasdiff } from './src/breaking-changes.mjs';
import { changelogPage, consoleLines, junitReport, summaryLine } from './src/breaking-report.mjs';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    changelog: { type: 'string', default: path.join(ROOT_DIR, 'confluence-docs/api/changelog.md') },
    'no-changelog': { type: 'boolean', default: false },
    'report-dir': { type: 'string' },
    root: { type: 'string', default: ROOT_DIR },
  },
});

// Rewrites a file only when its content changes, so an unchanged run leaves the tree clean.
function writeIfChanged(file, content) {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) writeFileSync(file, content);
}

try {
  const oasdiff = ensureOasdiff();
  const version = execFileSync(oasdiff, ['--version'], { encoding: 'utf8' })
    .trim()
    .replace(/^oasdiff version /, '');
  const result = checkBreakingChanges({ root: path.resolve(args.root), base: args.base, oasdiff });
  for (const line of consoleLines(result)) console.log(line);
  if (!args['no-changelog']) writeIfChanged(args.changelog, changelogPage(result, version));
  if (args['report-dir']) {
    mkdirSync(args['report-dir'], { recursive: true });
    writeFileSync(path.join(args['report-dir'], 'oasdiff.xml'), junitReport(result));
    const summary = {
      ok: result.ok,
      summary: summaryLine(result),
      base: result.base,
      contracts: result.contracts,
    };
    writeFileSync(path.join(args['report-dir'], 'result.json'), JSON.stringify(summary, null, 2) + '\n');
  }
  console.log(`${result.ok ? 'ok' : 'FAIL'}: ${summaryLine(result)}`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`contracts:breaking failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
