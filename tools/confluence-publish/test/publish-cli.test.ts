import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docsDir, page, sampleDocs, type DocsDir } from './support/docs-dir.js';
import { startFakeConfluence, type FakeConfluence } from './support/fake-confluence.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const credentials = { user: 'docs-bot@shopeasy.example', token: 'token-for-tests' };
let docs: DocsDir;
let confluence: FakeConfluence;

beforeEach(async () => {
  docs = await docsDir(sampleDocs());
  confluence = await startFakeConfluence(credentials);
});
afterEach(async () => {
  await confluence.close();
  await docs.remove();
});

function run(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('CONFLUENCE_')),
  );
  return promisify(execFile)(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', main, '--docs', docs.root, ...args],
    {
      env: { ...clean, ...env },
    },
  );
}

const settings = () => ({
  CONFLUENCE_BASE_URL: confluence.url,
  CONFLUENCE_SPACE: 'SHOP',
  CONFLUENCE_USER: credentials.user,
  CONFLUENCE_API_TOKEN: credentials.token,
});

describe('the publish-docs command', () => {
  it('When run with --dry-run and no Confluence settings, then it lists every page and contacts nothing', async () => {
    const { stdout } = await run(['--dry-run']);

    expect(stdout).toContain('[dry run] would publish "Runbook: 5xx rate" (runbooks/errors-5xx.md');
    expect(stdout).toContain('4 pages converted');
    expect(confluence.requests).toHaveLength(0);
  });

  it('When run with the settings from the environment, then it publishes and a second run changes nothing', async () => {
    const first = await run([], settings());
    const second = await run([], settings());

    expect(first.stdout).toContain('4 pages: 4 were created, 0 were updated, 0 unchanged');
    expect(second.stdout).toContain('4 pages: 0 were created, 0 were updated, 4 unchanged');
    expect(confluence.pages.size).toBe(4);
  });

  it('When a page has a broken link, then nothing is published and the command exits 1', async () => {
    await docs.write(
      'runbooks/latency.md',
      page({ title: 'Runbook: latency p99', parent: 'Runbooks' }, '[x](missing.md)'),
    );

    await expect(run([], settings())).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('runbooks/latency.md: link missing.md: no page runbooks/missing.md'),
    });
    expect(confluence.requests).toHaveLength(0);
  });

  it('When a setting is missing, then the command names the variable', async () => {
    const { CONFLUENCE_API_TOKEN: _omitted, ...partial } = settings();

    await expect(run([], partial)).rejects.toMatchObject({
      stderr: expect.stringContaining('CONFLUENCE_API_TOKEN'),
    });
  });

  it('When a page shows an SVG, then the command attaches it once and a second run uploads nothing', async () => {
    await docs.write(
      'runbooks/latency.md',
      page(
        { title: 'Runbook: latency p99', parent: 'Runbooks' },
        '![Topology](../diagrams/aws-topology.svg)',
      ),
    );
    await docs.write('diagrams/aws-topology.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');

    const dry = await run(['--dry-run']);
    const first = await run([], settings());
    const second = await run([], settings());

    expect(dry.stdout).toContain('[dry run] attach aws-topology.svg to "Runbook: latency p99"');
    expect(first.stdout).toContain('1 attachments were uploaded');
    expect(second.stdout).toContain('0 attachments were uploaded');
    expect(confluence.attachments.size).toBe(1);
  });
});
