import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDocSet, checkDocs, linkProblems } from '../src/index.js';
import { docsDir, page, sampleDocs } from './support/docs-dir.js';

const repositoryDocs = fileURLToPath(new URL('../../../confluence-docs', import.meta.url));

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const dir = await docsDir(files);
  try {
    const report = await checkDocs(dir.root);
    return report.problems.map((p) => `${p.path}: ${p.message}`);
  } finally {
    await dir.remove();
  }
}

describe('checking confluence-docs', () => {
  it("When the repository's docs are checked, then every page has valid front matter and working links", async () => {
    const report = await checkDocs(repositoryDocs);

    expect(report.problems).toEqual([]);
    expect(report.pages.length).toBeGreaterThanOrEqual(10);
    expect(report.links).toBeGreaterThan(0);
  });

  it('When a sample tree is fine, then no problem is reported and parents come first', async () => {
    const dir = await docsDir(sampleDocs());
    const report = await checkDocs(dir.root);
    await dir.remove();

    expect(report.problems).toEqual([]);
    expect(report.pages.map((p) => p.title)).toEqual([
      'ShopEasy',
      'Runbooks',
      'Runbook: 5xx rate',
      'Runbook: latency p99',
    ]);
  });

  it('When front matter is missing, unknown or malformed, then each file is named with what is wrong', async () => {
    const problems = await problemsOf({
      'a.md': '# No front matter',
      'b.md': '---\ntitle: B\nowner: ops\n---\nbody',
      'c.md': '---\ntitle: C\nlabels: [Has Space]\n---\nbody',
      'd.md': '---\ntitle: [unclosed\n---\nbody',
    });

    expect(problems).toEqual([
      'a.md: no front matter (the file must start with a --- block)',
      expect.stringMatching(/^b\.md: front matter .*owner/),
      expect.stringMatching(/^c\.md: front matter labels\.0: lower-case/),
      expect.stringMatching(/^d\.md: front matter is not YAML/),
    ]);
  });

  it('When titles repeat, a parent is unknown or parents loop, then the tree is refused', async () => {
    const problems = await problemsOf({
      'home.md': page({ title: 'Home' }, 'x'),
      'copy.md': page({ title: 'Home' }, 'x'),
      'orphan.md': page({ title: 'Orphan', parent: 'Nobody' }, 'x'),
      'loop-a.md': page({ title: 'A', parent: 'B' }, 'x'),
      'loop-b.md': page({ title: 'B', parent: 'A' }, 'x'),
    });

    expect(problems).toContain('home.md: title "Home" is also the title of copy.md');
    expect(problems).toContain('orphan.md: parent "Nobody" is not the title of any page');
    expect(problems).toContain('loop-a.md: parent chain of "A" never reaches a top-level page');
  });

  it('When links are broken, leave the docs or point at a missing heading, then each is reported', () => {
    const docs = buildDocSet([
      { path: 'README.md', source: page({ title: 'Home' }, '# Home\n\n## Local development') },
      {
        path: 'ops/runbook.md',
        source: page(
          { title: 'Runbook', parent: 'Home' },
          [
            '# Runbook',
            '[ok](../README.md#local-development) [ok too](#runbook) [web](https://example.com)',
            '[gone](missing.md) [outside](../../infra/README.md) [anchor](../README.md#nope) [here](#nothing)',
            '| t |\n| - |\n| [in a table](absent.md) |',
            '![diagram](diagram.png)',
          ].join('\n\n'),
        ),
      },
    ]);

    expect(linkProblems(docs.pages).map((p) => p.message)).toEqual([
      'link missing.md: no page ops/missing.md in confluence-docs/',
      'link ../../infra/README.md: leaves confluence-docs/ (name a repository file as `code` instead)',
      'link ../README.md#nope: no such heading in README.md',
      'link #nothing: no such heading on this page',
      'link absent.md: no page ops/absent.md in confluence-docs/',
      'image diagram.png: images must be absolute URLs or SVG files of confluence-docs/',
    ]);
  });

  it('When a page shows SVGs of confluence-docs/, then existing ones pass and a missing one is named', async () => {
    const problems = await problemsOf({
      'README.md': page({ title: 'Home' }, '# Home'),
      'architecture/overview.md': page(
        { title: 'Overview', parent: 'Home' },
        [
          '![AWS topology](../diagrams/aws-topology.svg)',
          '![Service map](../diagrams/service-map.svg)',
          '[the picture](../diagrams/aws-topology.svg)',
          '![old copy](old/aws-topology.svg)',
        ].join('\n\n'),
      ),
      'architecture/old/aws-topology.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'diagrams/aws-topology.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });

    expect(problems).toEqual([
      'architecture/overview.md: image ../diagrams/service-map.svg: no file diagrams/service-map.svg in confluence-docs/',
      'architecture/overview.md: link ../diagrams/aws-topology.svg: link to a file: show an SVG as an image, ![what it shows](file.svg)',
      'architecture/overview.md: image old/aws-topology.svg: diagrams/aws-topology.svg has the same file name, and attachments of a page are named by it',
    ]);
  });
});
