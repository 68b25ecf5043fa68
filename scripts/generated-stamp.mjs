// The record of what `npm run generate` produced generated/ from: a hash of every input (the
// contracts, the bundler, the generation scripts and the generators' versions) and a hash of every
// output (generated/ sources and contracts/dist/). `npm run generate` writes it; the drift gate
// (`npm run generate:check`) reads it: when both hashes still match, generated/ is exactly what the
// generators made from these contracts, and the gate skips regenerating (three JVM runs). Any edit
// to a contract, the generators or generated/ breaks a hash, and the gate regenerates and compares.
//   node scripts/generated-stamp.mjs write   after a generation
//   node scripts/generated-stamp.mjs check   exit 0 when inputs and outputs match the stamp
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const STAMP = join(root, 'generated', '.stamp.json');

// What the output depends on besides the contracts themselves.
const INPUT_FILES = [
  'openapitools.json',
  'requirements-dev.txt',
  '.prettierrc.json',
  'scripts/generate.sh',
  'scripts/write-ts-package.mjs',
  'tools/contracts/bundle.mjs',
];
const INPUT_DIRS = ['tools/contracts/src'];
// The contracts themselves (not their README or lint ruleset, which change no output).
const contractFiles = () =>
  filesUnder('contracts', false).filter((f) => /^contracts\/[a-z][\w-]*\.yaml$/.test(f));
const GENERATORS = ['openapi-typescript', 'prettier', '@openapitools/openapi-generator-cli'];
// Build output and installs are not generated sources (the drift gate's diff ignores them too).
const SKIPPED = new Set(['dist', 'node_modules', '__pycache__', '.stamp.json']);

/** Every file under `dir` (relative to the root), sorted; `deep` false takes only its own files. */
function filesUnder(dir, deep = true) {
  const found = [];
  const walk = (current) => {
    for (const name of readdirSync(join(root, current)).sort()) {
      if (SKIPPED.has(name) || name.endsWith('.tsbuildinfo')) continue;
      const path = join(current, name);
      if (statSync(join(root, path)).isDirectory()) {
        if (deep) walk(path);
      } else found.push(path);
    }
  };
  walk(dir);
  return found;
}

function hashOf(files, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

const versionOf = (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

function current() {
  const inputs = [
    ...INPUT_FILES,
    ...contractFiles(),
    ...INPUT_DIRS.flatMap((dir) => filesUnder(dir, false)),
  ].sort();
  const generators = GENERATORS.map((name) => `${name}@${versionOf(name)}`).join(',');
  const outputs = [...filesUnder('generated'), ...filesUnder('contracts/dist')];
  return { inputs: hashOf(inputs, generators), outputs: hashOf(outputs), files: outputs.length };
}

const mode = process.argv[2];
if (mode === 'write') {
  const { inputs, outputs } = current();
  writeFileSync(STAMP, `${JSON.stringify({ inputs, outputs }, null, 2)}\n`);
  console.log(`wrote ${relative(root, STAMP)}`);
} else if (mode === 'check') {
  if (!existsSync(STAMP)) {
    console.log('generated/.stamp.json is missing: regenerating to compare');
    process.exit(1);
  }
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  const now = current();
  if (stamp.inputs === now.inputs && stamp.outputs === now.outputs) {
    console.log(
      `generated/ matches contracts/: inputs and all ${now.files} outputs as \`npm run generate\` left them`,
    );
    process.exit(0);
  }
  const changed = [stamp.inputs !== now.inputs && 'inputs', stamp.outputs !== now.outputs && 'outputs'];
  console.log(
    `${changed.filter(Boolean).join(' and ')} changed since the last \`npm run generate\`: regenerating to compare`,
  );
  process.exit(1);
} else {
  console.error('usage: node scripts/generated-stamp.mjs write|check');
  process.exit(2);
}
