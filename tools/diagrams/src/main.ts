// `npm run docs:diagrams`: draws ShopEasy's diagrams into confluence-docs/diagrams/ from their
// sources of truth. `-- --check` draws them and fails (exit 1) when a committed SVG differs, so a
// change to the CDK, the contracts, the Jenkinsfile or the trace shape must come with its pictures.
//   --assembly <dir>   read a synthesized assembly (default: synthesize every environment now)
//   --only <name>      draw one diagram
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareAll, DIAGRAMS_DIRECTORY, draw, writeAll } from './generate.js';
import { allDiagrams } from './registry.js';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const { values } = parseArgs({
  options: { check: { type: 'boolean' }, assembly: { type: 'string' }, only: { type: 'string' } },
});

let temporary: string | undefined;
let assembly = values.assembly ? resolve(values.assembly) : undefined;
if (!assembly) {
  temporary = mkdtempSync(join(tmpdir(), 'shopeasy-diagrams-'));
  assembly = join(temporary, 'cdk.out');
  console.log('synthesizing every environment for the topology (or pass --assembly infra/cdk.out)');
  try {
    execFileSync('npm', ['run', '--silent', 'synth', '-w', '@shopeasy/infra', '--', '--output', assembly], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    // The CDK's own notices are noise on success; on failure they are the reason.
    process.stderr.write((error as { stderr?: Buffer }).stderr ?? '');
    throw error;
  }
}

try {
  const diagrams = (await allDiagrams()).filter((d) => !values.only || d.name === values.only);
  if (diagrams.length === 0) throw new Error(`no diagram is named ${values.only}`);
  const drawn = [];
  for (const diagram of diagrams) drawn.push(await draw(diagram, { root, assembly }));
  const directory = join(root, DIAGRAMS_DIRECTORY);
  if (values.check) {
    // With --only, the other committed SVGs are not "drawn by no diagram".
    const problems = compareAll(directory, drawn).filter(
      (p) => !values.only || !p.endsWith('is drawn by no diagram'),
    );
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) {
      console.error('run `npm run docs:diagrams` and commit the SVGs');
      process.exitCode = 1;
    } else console.log(`${drawn.length} diagrams match their sources`);
  } else {
    const stale = writeAll(directory, drawn);
    for (const name of drawn.map((d) => d.name)) console.log(`wrote ${DIAGRAMS_DIRECTORY}/${name}.svg`);
    for (const file of stale)
      console.log(`note: ${DIAGRAMS_DIRECTORY}/${file} is drawn by no diagram; delete it`);
  }
} finally {
  if (temporary) rmSync(temporary, { recursive: true, force: true });
}
