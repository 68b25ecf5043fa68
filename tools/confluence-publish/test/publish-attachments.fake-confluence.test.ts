import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentError, ConfluenceClient, loadDocs, publishDocs } from '../src/index.js';
import { docsDir, page, sampleDocs, type DocsDir } from './support/docs-dir.js';
import { startFakeConfluence, type FakeConfluence } from './support/fake-confluence.js';

const credentials = { user: 'docs-bot@shopeasy.example', token: 'token-for-tests' };
const topology = '<svg xmlns="http://www.w3.org/2000/svg"><text>API Gateway</text></svg>\n';
const serviceMap = '<svg xmlns="http://www.w3.org/2000/svg"><text>orders → catalog</text></svg>\n';
const overview = (images: string) =>
  page({ title: 'Architecture overview', parent: 'ShopEasy' }, `# Architecture\n\n${images}`);
const twoImages =
  '![AWS topology](../diagrams/aws-topology.svg)\n\n![Service map](../diagrams/service-map.svg)';

let confluence: FakeConfluence;
let docs: DocsDir;

beforeEach(async () => {
  confluence = await startFakeConfluence(credentials);
  docs = await docsDir({
    ...sampleDocs(),
    'architecture/overview.md': overview(twoImages),
    'diagrams/aws-topology.svg': topology,
    'diagrams/service-map.svg': serviceMap,
  });
});
afterEach(async () => {
  await confluence.close();
  await docs.remove();
});

async function publish(options: { dryRun?: boolean; offline?: boolean } = {}) {
  const lines: string[] = [];
  const { pages } = await loadDocs(docs.root);
  const client = new ConfluenceClient({
    CONFLUENCE_BASE_URL: confluence.url,
    CONFLUENCE_SPACE: 'SHOP',
    CONFLUENCE_USER: credentials.user,
    CONFLUENCE_API_TOKEN: credentials.token,
  });
  const summary = await publishDocs(pages, {
    ...(options.offline ? {} : { client }),
    dryRun: options.dryRun ?? false,
    docsRoot: docs.root,
    log: (line) => lines.push(line),
  });
  return { summary, lines };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const writesSince = (start: number) => confluence.requests.slice(start).filter((r) => r.method !== 'GET');

describe('publishing the diagrams a page shows as its attachments', () => {
  it('When a page shows two SVGs, then both are attached to it and its body shows both', async () => {
    const { summary } = await publish();

    expect(summary.uploaded).toBe(2);
    const attached = confluence.attachmentsOf('Architecture overview');
    expect(attached.map((a) => [a.filename, a.mediaType, a.data.toString('utf8'), a.version])).toEqual([
      ['aws-topology.svg', 'image/svg+xml', topology, 1],
      ['service-map.svg', 'image/svg+xml', serviceMap, 1],
    ]);
    expect(attached[0]?.comment).toBe(
      `Published from confluence-docs/diagrams/aws-topology.svg [sha256:${sha256(topology)}]`,
    );
    const storage = confluence.byTitle('Architecture overview')?.storage;
    expect(storage).toContain(
      '<ac:image ac:alt="AWS topology"><ri:attachment ri:filename="aws-topology.svg" /></ac:image>',
    );
    expect(storage).toContain(
      '<ac:image ac:alt="Service map"><ri:attachment ri:filename="service-map.svg" /></ac:image>',
    );
    expect(confluence.attachmentsOf('ShopEasy')).toEqual([]);
  });

  it('When nothing changed, then publishing again uploads nothing', async () => {
    await publish();
    const start = confluence.requests.length;

    const { summary, lines } = await publish();

    expect(summary).toMatchObject({ uploaded: 0, unchanged: 5 });
    expect(writesSince(start)).toEqual([]);
    expect(lines).toContain('unchanged attachment service-map.svg of "Architecture overview"');
  });

  it('When one SVG changed, then it is uploaded once, as new data of the same attachment', async () => {
    await publish();
    const before = confluence.attachmentsOf('Architecture overview');
    const changed = serviceMap.replace('catalog', 'catalog, payments');
    await docs.write('diagrams/service-map.svg', changed);
    const start = confluence.requests.length;

    const { summary } = await publish();

    expect(summary).toMatchObject({ uploaded: 1, updated: 0 });
    const writes = writesSince(start);
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST /wiki/rest/api/content/${confluence.byTitle('Architecture overview')?.id}/child/attachment/${before[1]?.id}/data`,
    ]);
    const after = confluence.attachmentsOf('Architecture overview');
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(after[1]).toMatchObject({ version: 2, comment: expect.stringContaining(sha256(changed)) });
    expect(after[1]?.data.toString('utf8')).toBe(changed);
    expect(after[0]?.version).toBe(1);
  });

  it('When a page shows an SVG that does not exist, then nothing is published and the error names page and path', async () => {
    await docs.write('architecture/overview.md', overview('![Data model](../diagrams/data-model.svg)'));

    const failure = publish();

    await expect(failure).rejects.toThrow(AttachmentError);
    await expect(failure).rejects.toThrow(
      'architecture/overview.md: image ../diagrams/data-model.svg: cannot read confluence-docs/diagrams/data-model.svg (no such file)',
    );
    expect(confluence.requests).toEqual([]);
  });

  it('When it is a dry run, then it lists the uploads it would do and uploads nothing', async () => {
    const offline = await publish({ dryRun: true, offline: true });
    await publish();
    await docs.write('diagrams/aws-topology.svg', topology.replace('API Gateway', 'API Gateway, WAF'));
    const start = confluence.requests.length;

    const online = await publish({ dryRun: true });

    expect(offline.lines).toContain(
      `[dry run] attach aws-topology.svg to "Architecture overview" (diagrams/aws-topology.svg, ${topology.length} bytes)`,
    );
    expect(offline.summary.uploaded).toBe(2);
    expect(writesSince(start)).toEqual([]);
    expect(online.summary.uploaded).toBe(1);
    expect(online.lines).toContainEqual(
      expect.stringMatching(
        /^\[dry run\] update attachment aws-topology\.svg of "Architecture overview" .*: version 1 -> 2$/,
      ),
    );
    expect(confluence.attachmentsOf('Architecture overview')[0]?.data.toString('utf8')).toBe(topology);
  });
});
