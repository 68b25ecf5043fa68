import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { DOMAINS, ROOT_DIR } from './domains.mjs';

/** The public contracts the gate compares: each domain (its /internal/ paths left out) and the bundle. */
export const PUBLIC_CONTRACTS = Object.freeze([
  ...DOMAINS.map((d) => ({ name: d.file, file: `contracts/${d.file}` })),
  { name: 'shopeasy.openapi.yaml', file: 'contracts/dist/shopeasy.openapi.yaml' },
]);

// Service-to-service operations: the services deploy together, partners never call them.
const UNMATCH_PATH = '^/internal/';
// oasdiff's levels: 3 (ERR) is a breaking change, 2 (WARN) may break a client, 1 (INFO) is compatible.
const LEVELS = { 3: 'breaking', 2: 'warning', 1: 'compatible' };

const git = (root, args) =>
  execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
const tryGit = (root, args) => {
  try {
    return git(root, args);
  } catch {
    return undefined;
  }
};
const short = (root, ref) => git(root, ['rev-parse', '--short', ref]);
// The contract documents (and their bundles) under contracts/: not its prose or lint ruleset.
const CONTRACT_DOCUMENTS = ['contracts/', ':(exclude)contracts/*.md', ':(exclude)contracts/.spectral.yaml'];

const lastTag = (root, rev) => tryGit(root, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', rev]);

/**
 * What the contracts are compared with: `base` when given; else the newest `v*` tag reachable from
 * HEAD (the last release; the one before it when HEAD is tagged); else the merge-base with main; on main itself HEAD when the contracts
 * have uncommitted changes, else the commit before the last one that changed a contract document
 * (a README or the lint ruleset under contracts/ changes no contract, so it does not move the base).
 */
export function resolveBase(root = ROOT_DIR, base) {
  if (base) return { ref: git(root, ['rev-parse', '--verify', `${base}^{commit}`]), label: base };
  const head = git(root, ['rev-parse', 'HEAD']);
  const tag = lastTag(root, 'HEAD');
  if (tag) {
    const ref = git(root, ['rev-parse', `${tag}^{commit}`]);
    // A release build (HEAD is the tag) is compared with the release before it.
    const previous = ref === head ? lastTag(root, 'HEAD^') : undefined;
    if (previous)
      return {
        ref: git(root, ['rev-parse', `${previous}^{commit}`]),
        label: `${previous} (the release before ${tag})`,
      };
    return { ref, label: tag };
  }
  const main = ['origin/main', 'main'].find((r) => tryGit(root, ['rev-parse', '--verify', `${r}^{commit}`]));
  if (!main)
    throw new Error('no v* tag and no main branch to compare with: fetch them, or pass --base <ref>');
  const mergeBase = git(root, ['merge-base', 'HEAD', main]);
  if (mergeBase !== head)
    return { ref: mergeBase, label: `${short(root, mergeBase)} (merge-base with ${main})` };
  if (git(root, ['status', '--porcelain', '--', ...CONTRACT_DOCUMENTS]) !== '')
    return { ref: head, label: `${short(root, head)} (HEAD, before the uncommitted changes)` };
  const last = git(root, ['log', '-1', '--format=%H', '--', ...CONTRACT_DOCUMENTS]);
  const before = tryGit(root, ['rev-parse', '--verify', `${last}^`]);
  if (!before) return { ref: undefined, label: 'nothing (the contracts were added in the first commit)' };
  return { ref: before, label: `${short(root, last)}^ (before the last contract change)` };
}

/** Copies contracts/ at `ref` into a temporary directory (shared.yaml too, for the domains' refs). */
function checkoutContracts(root, ref, dir) {
  const files = ref ? git(root, ['ls-tree', '-r', '--name-only', ref, '--', 'contracts/']).split('\n') : [];
  for (const file of files.filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const target = path.join(dir, file);
    execFileSync('mkdir', ['-p', path.dirname(target)]);
    writeFileSync(target, git(root, ['show', `${ref}:${file}`]) + '\n');
  }
}

const versionOf = (file) => String(parse(readFileSync(file, 'utf8'))?.info?.version ?? '');
const majorOf = (version) => Number(/^v?(\d+)/.exec(version)?.[1] ?? NaN);

// Reviewed breaking changes let through without a major version, each with its reason (oasdiff's
// --err-ignore format), next to the contracts.
const ACCEPTED = 'breaking-changes-accepted.md';

/** One contract: oasdiff's changelog (JSON) between the base file and the working tree's. */
function compareContract(oasdiff, contract, baseFile, revisionFile, accepted) {
  const version = versionOf(revisionFile);
  if (!existsSync(baseFile)) return { ...contract, baseVersion: null, version, status: 'new', changes: [] };
  const baseVersion = versionOf(baseFile);
  const out = execFileSync(
    oasdiff,
    [
      'changelog',
      baseFile,
      revisionFile,
      '--format',
      'json',
      '--unmatch-path',
      UNMATCH_PATH,
      ...(existsSync(accepted) ? ['--err-ignore', accepted] : []),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const changes = (JSON.parse(out || '[]') ?? []).map((c) => ({
    level: LEVELS[c.level] ?? 'compatible',
    id: c.id,
    text: c.text,
    operation: c.operation && c.path ? `${c.operation} ${c.path}` : (c.path ?? '(document)'),
  }));
  const breaking = changes.filter((c) => c.level === 'breaking').length;
  const majorBump = majorOf(version) > majorOf(baseVersion);
  const status = breaking === 0 ? 'ok' : majorBump ? 'allowed' : 'breaking';
  return { ...contract, baseVersion, version, status, changes };
}

/**
 * Compares every public contract of the working tree at `root` with `base` (see resolveBase)
 * and fails on breaking changes unless the contract's major version (`info.version`) went up.
 */
export function checkBreakingChanges({ root = ROOT_DIR, base, oasdiff }) {
  const resolved = resolveBase(root, base);
  const dir = mkdtempSync(path.join(tmpdir(), 'shopeasy-oasdiff-'));
  try {
    checkoutContracts(root, resolved.ref, dir);
    const contracts = PUBLIC_CONTRACTS.map((c) =>
      compareContract(
        oasdiff,
        c,
        path.join(dir, c.file),
        path.join(root, c.file),
        path.join(root, 'contracts', ACCEPTED),
      ),
    );
    const count = (status) => contracts.filter((c) => c.status === status);
    // A domain's change shows in the bundle too: count each operation's change once.
    const breaking = new Set(
      count('breaking').flatMap((c) =>
        c.changes.filter((x) => x.level === 'breaking').map((x) => `${x.operation} ${x.text}`),
      ),
    );
    return { base: resolved, contracts, breaking: breaking.size, ok: breaking.size === 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Path of the pinned oasdiff in .tools/bin, built once from the Go module proxy when missing. */
export function ensureOasdiff() {
  const script =
    'source scripts/lib/go-tools.sh && ' +
    'ensure_go_tool oasdiff "$OASDIFF_PACKAGE" "$OASDIFF_VERSION" github.com/oasdiff/oasdiff/build.Version';
  return execFileSync('bash', ['-c', script], {
    cwd: ROOT_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}
