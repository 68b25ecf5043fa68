import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfluenceClient, ConfluenceError, loadDocs, publishDocs } from '../src/index.js';
import { docsDir, page, sampleDocs, type DocsDir } from './support/docs-dir.js';
import { startFakeConfluence, type FakeConfluence } from './support/fake-confluence.js';

const credentials = { user: 'docs-bot@shopeasy.example', token: 'token-for-tests' };
let confluence: FakeConfluence;
let docs: DocsDir;

beforeEach(async () => {
  confluence = await startFakeConfluence(credentials);
  docs = await docsDir(sampleDocs());
});
afterEach(async () => {
  await confluence.close();
  await docs.remove();
});

function client(token = credentials.token) {
  return new ConfluenceClient({
    CONFLUENCE_BASE_URL: confluence.url,
    CONFLUENCE_SPACE: 'SHOP',
    CONFLUENCE_USER: credentials.user,
    CONFLUENCE_API_TOKEN: token,
  });
}

async function publish(options: { dryRun?: boolean; token?: string } = {}) {
  const lines: string[] = [];
  const { pages } = await loadDocs(docs.root);
  const summary = await publishDocs(pages, {
    client: client(options.token),
    dryRun: options.dryRun ?? false,
    docsRoot: docs.root,
    log: (l) => lines.push(l),
  });
  return { summary, lines };
}

describe('publishing confluence-docs to Confluence', () => {
  it('When the docs are published the first time, then every page is created under its parent with its labels', async () => {
    const { summary } = await publish();

    expect(summary).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    const home = confluence.byTitle('ShopEasy');
    const runbooks = confluence.byTitle('Runbooks');
    const errors = confluence.byTitle('Runbook: 5xx rate');
    expect(home?.parentId).toBeUndefined();
    expect(runbooks?.parentId).toBe(home?.id);
    expect(errors?.parentId).toBe(runbooks?.id);
    expect(confluence.byTitle('Runbook: latency p99')?.parentId).toBe(runbooks?.id);
    expect(errors?.labels).toEqual(['runbook', 'alarm']);
    expect(errors?.storage).toContain('<ac:structured-macro ac:name="code">');
    expect(home?.storage).toContain('<ri:page ri:content-title="Runbooks" />');
    const creates = confluence
      .writes()
      .filter((r) => r.method === 'POST' && r.path === '/wiki/rest/api/content');
    expect(creates.map((r) => (r.body as { title: string }).title)).toEqual([
      'ShopEasy',
      'Runbooks',
      'Runbook: 5xx rate',
      'Runbook: latency p99',
    ]);
  });

  it('When nothing changed, then publishing again updates nothing', async () => {
    await publish();
    const before = confluence.requests.length;

    const { summary } = await publish();

    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 4, labelChanges: 0 });
    expect(confluence.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
    expect([...confluence.pages.values()].map((p) => p.version)).toEqual([1, 1, 1, 1]);
  });

  it('When one file changed, then only its page is updated, as version + 1', async () => {
    await publish();
    await docs.write(
      'runbooks/latency.md',
      page(
        { title: 'Runbook: latency p99', parent: 'Runbooks' },
        '# Latency\n\nCheck the **p99** panel first.',
      ),
    );
    const before = confluence.requests.length;

    const { summary, lines } = await publish();

    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const writes = confluence.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes).toHaveLength(1);
    expect(writes[0]?.method).toBe('PUT');
    expect((writes[0]?.body as { version: { number: number } }).version.number).toBe(2);
    const latency = confluence.byTitle('Runbook: latency p99');
    expect(latency?.version).toBe(2);
    expect(latency?.storage).toContain('<strong>p99</strong>');
    expect(latency?.parentId).toBe(confluence.byTitle('Runbooks')?.id);
    expect(lines).toContain('update "Runbook: latency p99" (runbooks/latency.md): version 1 -> 2');
  });

  it('When a page was edited by hand in Confluence, then the next publish puts the file back', async () => {
    await publish();
    const edited = confluence.byTitle('Runbooks');
    Object.assign(edited ?? {}, { storage: '<p>edited</p>', version: 2, versionMessage: 'quick fix' });

    const { summary } = await publish();

    expect(summary.updated).toBe(1);
    expect(confluence.byTitle('Runbooks')).toMatchObject({ version: 3 });
    expect(confluence.byTitle('Runbooks')?.storage).toContain('<h1>Runbooks</h1>');
  });

  it('When a label is removed from a file, then the label is removed and the page keeps its version', async () => {
    await publish();
    await docs.write(
      'runbooks/errors-5xx.md',
      page(
        { title: 'Runbook: 5xx rate', parent: 'Runbooks', labels: ['runbook'] },
        '# 5xx rate\n\n```sh\naws cloudwatch describe-alarms\n```',
      ),
    );

    const { summary } = await publish();

    expect(summary).toMatchObject({ updated: 0, unchanged: 4, labelChanges: 1 });
    expect(confluence.byTitle('Runbook: 5xx rate')).toMatchObject({ labels: ['runbook'], version: 1 });
  });

  it('When it is a dry run, then nothing is written and each planned change is printed', async () => {
    await publish();
    await docs.write(
      'runbooks/new-page.md',
      page({ title: 'Runbook: DLQ depth', parent: 'Runbooks' }, '# DLQ'),
    );
    const before = confluence.requests.length;

    const { summary, lines } = await publish({ dryRun: true });

    expect(confluence.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
    expect(confluence.byTitle('Runbook: DLQ depth')).toBeUndefined();
    expect(summary).toMatchObject({ created: 1, unchanged: 4 });
    expect(lines).toContain('[dry run] create "Runbook: DLQ depth" (runbooks/new-page.md) under "Runbooks"');
  });

  it('When the API token is wrong, then publishing stops with the 401 and creates nothing', async () => {
    await expect(publish({ token: 'wrong' })).rejects.toThrow(ConfluenceError);
    await expect(publish({ token: 'wrong' })).rejects.toThrow(/401/);
    expect(confluence.pages.size).toBe(0);
  });

  it('When Confluence rate-limits, then the publisher waits as told and publishes everything', async () => {
    const limited = await startFakeConfluence(credentials, { rateLimitFirst: 2 });
    const { pages } = await loadDocs(docs.root);
    const limitedClient = new ConfluenceClient({
      CONFLUENCE_BASE_URL: limited.url,
      CONFLUENCE_SPACE: 'SHOP',
      CONFLUENCE_USER: credentials.user,
      CONFLUENCE_API_TOKEN: credentials.token,
    });

    const summary = await publishDocs(pages, {
      client: limitedClient,
      dryRun: false,
      docsRoot: docs.root,
      log: () => {},
    });
    await limited.close();

    expect(summary.created).toBe(4);
    expect(limited.pages.size).toBe(4);
  });

  it('When Confluence cannot be reached, then publishing fails naming the request', async () => {
    const { pages } = await loadDocs(docs.root);
    const closedUrl = confluence.url;
    await confluence.close();
    confluence = await startFakeConfluence(credentials); // for afterEach
    const unreachable = new ConfluenceClient({
      CONFLUENCE_BASE_URL: closedUrl,
      CONFLUENCE_SPACE: 'SHOP',
      CONFLUENCE_USER: credentials.user,
      CONFLUENCE_API_TOKEN: credentials.token,
    });

    await expect(
      publishDocs(pages, { client: unreachable, dryRun: false, docsRoot: docs.root, log: () => {} }),
    ).rejects.toThrow(/GET \/rest\/api\/content: .*ECONNREFUSED/);
  });
});
