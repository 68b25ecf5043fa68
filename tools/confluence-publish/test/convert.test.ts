import { describe, expect, it } from 'vitest';
import { ConversionError, toStorageFormat, type DocPage } from '../src/index.js';

const pages: DocPage[] = [
  { path: 'README.md', title: 'ShopEasy', labels: [], body: '' },
  { path: 'operations/runbooks.md', title: 'Runbooks', parent: 'ShopEasy', labels: [], body: '' },
  {
    path: 'operations/backup-restore.md',
    title: 'Backup and restore',
    parent: 'ShopEasy',
    labels: [],
    body: '',
  },
];

function convert(body: string, from = 'operations/runbooks.md'): string {
  const page = { ...pages.find((p) => p.path === from)!, body };
  const byPath = new Map(pages.map((p) => [p.path, p.path === from ? page : p]));
  return toStorageFormat(page, byPath);
}

describe('Markdown to Confluence storage format', () => {
  it('When a page has headings, then they become h1 to h3 with their inline markup', () => {
    const storage = convert('# Runbooks\n\n## When `5xx` rises\n\n### Check *first*');

    expect(storage).toContain('<h1>Runbooks</h1>');
    expect(storage).toContain('<h2>When <code>5xx</code> rises</h2>');
    expect(storage).toContain('<h3>Check <em>first</em></h3>');
  });

  it('When a page has a fenced code block, then it becomes the code macro with the language and the code verbatim', () => {
    const storage = convert(
      '```sh\naws dynamodb describe-table --table-name "shopeasy-prod-orders" > out.json && echo <ok>\n```',
    );

    expect(storage).toBe(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter>' +
        '<ac:plain-text-body><![CDATA[aws dynamodb describe-table --table-name "shopeasy-prod-orders" > out.json && echo <ok>]]>' +
        '</ac:plain-text-body></ac:structured-macro>',
    );
  });

  it('When code contains the CDATA terminator, then it is split so the page stays well-formed', () => {
    const storage = convert('```ts\nconst x = a[b[0]]>1;\n```');

    expect(storage).toContain('<ac:parameter ac:name="language">typescript</ac:parameter>');
    expect(storage).toContain('<![CDATA[const x = a[b[0]]]]><![CDATA[>1;]]>');
  });

  it('When a code block has no language, then the macro says text', () => {
    expect(convert('```\nplain\n```')).toContain('<ac:parameter ac:name="language">text</ac:parameter>');
  });

  it('When a page has a table, then header cells are th, body cells td, alignment kept', () => {
    const storage = convert('| alarm | threshold |\n| --- | ---: |\n| **5xx** | 5 / min |\n| p99 | 1.5 s |');

    expect(storage).toBe(
      '<table><tbody><tr><th>alarm</th><th style="text-align: right">threshold</th></tr>' +
        '<tr><td><strong>5xx</strong></td><td style="text-align: right">5 / min</td></tr>' +
        '<tr><td>p99</td><td style="text-align: right">1.5 s</td></tr></tbody></table>',
    );
  });

  it('When a page links to another page of the docs, then the link names that page by title', () => {
    const storage = convert(
      'Restore with [the backup runbook](backup-restore.md#restore-a-table) or go [home](../README.md).',
    );

    expect(storage).toContain(
      '<ac:link><ri:page ri:content-title="Backup and restore" /><ac:link-body>the backup runbook</ac:link-body></ac:link>',
    );
    expect(storage).toContain(
      '<ac:link><ri:page ri:content-title="ShopEasy" /><ac:link-body>home</ac:link-body></ac:link>',
    );
  });

  it('When a page links outside, then it stays an ordinary link with its URL escaped', () => {
    expect(convert('See [AWS Backup](https://docs.aws.amazon.com/aws-backup/?a=1&b=2).')).toContain(
      '<a href="https://docs.aws.amazon.com/aws-backup/?a=1&amp;b=2">AWS Backup</a>',
    );
  });

  it('When a relative link names no page, then conversion refuses with the page and the link', () => {
    expect(() => convert('See [missing](nowhere.md).')).toThrow(ConversionError);
    expect(() => convert('See [missing](nowhere.md).')).toThrow('operations/runbooks.md: link nowhere.md');
  });

  it('When a page holds raw HTML or line breaks, then the output is escaped, self-closed XHTML', () => {
    const storage = convert('A <div onclick="x">b</div> & c  \nnext line\n\n---');

    expect(storage).toContain('&lt;div onclick=&quot;x&quot;&gt;');
    expect(storage).toContain('&amp; c<br />next line');
    expect(storage).toContain('<hr />');
    expect(storage).not.toMatch(/<(br|hr)>/);
  });

  it('When a page shows an SVG of confluence-docs/, then it refers to the attachment by file name', () => {
    const storage = convert('![AWS topology & edges](../diagrams/aws-topology.svg)');

    expect(storage).toContain(
      '<ac:image ac:alt="AWS topology &amp; edges"><ri:attachment ri:filename="aws-topology.svg" /></ac:image>',
    );
  });
});
