import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  checkBreakingChanges,
  CONTRACTS_DIR,
  ensureOasdiff,
  type JsonObject,
  writeBundles,
} from '../lib.mjs';

// Each test works on a copy of the real contracts in its own git repository, released as v1.0.0.
let oasdiff: string;
const repos: string[] = [];
const CLI = path.resolve(import.meta.dirname, '../breaking-changes.mjs');

beforeAll(() => {
  oasdiff = ensureOasdiff(); // built once from the Go module proxy when .tools/bin lacks it
}, 600_000);

afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

const git = (repo: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function releasedRepo({ tag = 'v1.0.0' }: { tag?: string | null } = {}): Promise<string> {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'shopeasy-breaking-'));
  repos.push(repo);
  cpSync(CONTRACTS_DIR, path.join(repo, 'contracts'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}dist`) && !src.endsWith('README.md'),
  });
  await writeBundles({
    contractsDir: path.join(repo, 'contracts'),
    distDir: path.join(repo, 'contracts/dist'),
  });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '.');
  git(repo, '-c', 'user.name=ShopEasy', '-c', 'user.email=ci@shopeasy.example', 'commit', '-qm', 'release');
  if (tag) git(repo, 'tag', tag);
  return repo;
}

/** Edits one contract of the working tree and rebuilds the bundle, as `npm run generate` would. */
async function edit(repo: string, file: string, change: (doc: JsonObject) => void): Promise<void> {
  const target = path.join(repo, 'contracts', file);
  const doc = parse(readFileSync(target, 'utf8')) as JsonObject;
  change(doc);
  writeFileSync(target, stringify(doc));
  await writeBundles({
    contractsDir: path.join(repo, 'contracts'),
    distDir: path.join(repo, 'contracts/dist'),
  });
}

const removeRequiredProductName = (doc: JsonObject) => {
  const product = doc.components.schemas.Product;
  product.required = product.required.filter((name: string) => name !== 'name');
  delete product.properties.name;
};
const statuses = (result: ReturnType<typeof checkBreakingChanges>) =>
  Object.fromEntries(result.contracts.map((c) => [c.name, c.status]));

describe('breaking-change gate (oasdiff)', () => {
  it('When nothing changed since the v1.0.0 tag, then all six public contracts pass', async () => {
    const repo = await releasedRepo();
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.base.label).toBe('v1.0.0');
    expect(result.contracts.map((c) => c.name)).toEqual([
      'users.yaml',
      'catalog.yaml',
      'cart.yaml',
      'orders.yaml',
      'feedback.yaml',
      'shopeasy.openapi.yaml',
    ]);
    expect(result.ok).toBe(true);
    expect(result.contracts.flatMap((c) => c.changes)).toEqual([]);
  });

  it('When a required response property is removed, then the gate fails on catalog and the bundle', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'catalog.yaml', removeRequiredProductName);
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.ok).toBe(false);
    expect(statuses(result)).toMatchObject({
      'catalog.yaml': 'breaking',
      'shopeasy.openapi.yaml': 'breaking',
      'users.yaml': 'ok',
    });
    const catalog = result.contracts.find((c) => c.name === 'catalog.yaml');
    expect(catalog?.changes).toContainEqual(
      expect.objectContaining({
        level: 'breaking',
        operation: 'GET /v1/products/{productId}',
        text: expect.stringContaining('`name`'),
      }),
    );
  });

  it('When an operation is removed, then the gate fails and names it', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.ok).toBe(false);
    expect(result.contracts.find((c) => c.name === 'feedback.yaml')?.changes).toContainEqual(
      expect.objectContaining({ level: 'breaking', operation: 'GET /v1/reviews/{reviewId}' }),
    );
  });

  it('When a breaking change is listed in contracts/breaking-changes-accepted.md with its reason, then it passes; other breaking changes still fail', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    const before = checkBreakingChanges({ root: repo, oasdiff });
    const found = before.contracts.flatMap((c) => c.changes).filter((c) => c.level === 'breaking');
    expect(found.length).toBeGreaterThan(0);
    const accepted = path.join(repo, 'contracts', 'breaking-changes-accepted.md');
    const lines = [
      ...new Set(found.map((c) => `- ${c.operation} ${c.text}: the review page was never published`)),
    ];
    writeFileSync(accepted, `${readFileSync(accepted, 'utf8')}\n${lines.join('\n')}\n`);
    expect(checkBreakingChanges({ root: repo, oasdiff }).ok).toBe(true);

    await edit(repo, 'catalog.yaml', removeRequiredProductName);
    expect(checkBreakingChanges({ root: repo, oasdiff }).ok).toBe(false);
  });

  it('When a compatible change is made (a new optional response property), then the gate passes and lists it', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'catalog.yaml', (doc) => {
      doc.components.schemas.Product.properties.brand = { type: 'string', example: 'Acme' };
    });
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.ok).toBe(true);
    const bundle = result.contracts.find((c) => c.name === 'shopeasy.openapi.yaml');
    expect(bundle?.changes.length).toBeGreaterThan(0);
    expect(bundle?.changes.every((c) => c.level !== 'breaking')).toBe(true);
  });

  it('When the breaking change comes with a major version bump of catalog and of the bundle (shared.yaml), then it passes', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'catalog.yaml', (doc) => {
      removeRequiredProductName(doc);
      doc.info.version = '2.0.0';
    });
    await edit(repo, 'shared.yaml', (doc) => (doc.info.version = '2.0.0'));
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(statuses(result)).toMatchObject({
      'catalog.yaml': 'allowed',
      'shopeasy.openapi.yaml': 'allowed',
    });
    expect(result.ok).toBe(true);
  });

  it('When only catalog bumps its major version, then the public bundle still fails', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'catalog.yaml', (doc) => {
      removeRequiredProductName(doc);
      doc.info.version = '2.0.0';
    });
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(statuses(result)).toMatchObject({
      'catalog.yaml': 'allowed',
      'shopeasy.openapi.yaml': 'breaking',
    });
    expect(result.ok).toBe(false);
  });

  it('When the build is of a release tag, then it is compared with the release before it', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    git(repo, '-c', 'user.name=ShopEasy', '-c', 'user.email=ci@shopeasy.example', 'commit', '-qam', 'drop');
    git(repo, 'tag', 'v1.1.0');
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.base.label).toBe('v1.0.0 (the release before v1.1.0)');
    expect(result.ok).toBe(false);
  });

  it('When there is no tag, then a branch is compared with its merge-base with main', async () => {
    const repo = await releasedRepo({ tag: null });
    const released = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    git(repo, 'checkout', '-qb', 'feature/SHOP-12-remove-review');
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    git(
      repo,
      '-c',
      'user.name=ShopEasy',
      '-c',
      'user.email=ci@shopeasy.example',
      'commit',
      '-qam',
      'SHOP-12 remove review',
    );
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.base.label).toBe(`${released} (merge-base with main)`);
    expect(result.ok).toBe(false);
  });

  it('When there is no tag on main itself, then it compares with the commit before the last contract change', async () => {
    const repo = await releasedRepo({ tag: null });
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    git(repo, '-c', 'user.name=ShopEasy', '-c', 'user.email=ci@shopeasy.example', 'commit', '-qam', 'drop');
    const last = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.base.label).toBe(`${last}^ (before the last contract change)`);
    expect(result.ok).toBe(false);
  });

  it('When only prose under contracts/ changed since the last contract change, then the base stays before that change', async () => {
    const repo = await releasedRepo({ tag: null });
    await edit(repo, 'feedback.yaml', (doc) => delete doc.paths['/v1/reviews/{reviewId}']);
    git(repo, '-c', 'user.name=ShopEasy', '-c', 'user.email=ci@shopeasy.example', 'commit', '-qam', 'drop');
    const last = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    writeFileSync(path.join(repo, 'contracts', 'README.md'), '# Contracts\n');
    git(repo, 'add', 'contracts/README.md');
    git(repo, '-c', 'user.name=ShopEasy', '-c', 'user.email=ci@shopeasy.example', 'commit', '-qm', 'docs');
    const result = checkBreakingChanges({ root: repo, oasdiff });
    expect(result.base.label).toBe(`${last}^ (before the last contract change)`);
    expect(result.ok).toBe(false);
  });

  it('When the CLI finds a breaking change, then it exits 1 and writes the JUnit report and the changelog page', async () => {
    const repo = await releasedRepo();
    await edit(repo, 'catalog.yaml', removeRequiredProductName);
    const changelog = path.join(repo, 'changelog.md');
    const reports = path.join(repo, 'reports');
    const run = spawnSync(
      process.execPath,
      [CLI, '--root', repo, '--changelog', changelog, '--report-dir', reports],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('FAIL: 6 contracts vs v1.0.0, 6 breaking changes');
    expect(readFileSync(path.join(reports, 'oasdiff.xml'), 'utf8')).toMatch(
      /<testsuite name="oasdiff breaking changes" tests="6" failures="2">/,
    );
    expect(JSON.parse(readFileSync(path.join(reports, 'result.json'), 'utf8'))).toMatchObject({
      ok: false,
      summary: '6 contracts vs v1.0.0, 6 breaking changes',
    });
    const page = readFileSync(changelog, 'utf8');
    expect(page).toMatch(/^---\ntitle: API changelog\nparent: API and contracts\n/);
    expect(page).toContain('### `GET /v1/products/{productId}`');
    expect(page).toMatch(/- \*\*breaking\*\*: .*`name`/);
  });
});
