import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A page file: front matter fields and a Markdown body. */
export function page(fields: { title: string; parent?: string; labels?: string[] }, body: string): string {
  const lines = [`title: ${JSON.stringify(fields.title)}`];
  if (fields.parent) lines.push(`parent: ${JSON.stringify(fields.parent)}`);
  if (fields.labels) lines.push(`labels: [${fields.labels.join(', ')}]`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

export interface DocsDir {
  readonly root: string;
  write(file: string, content: string): Promise<void>;
  remove(): Promise<void>;
}

/** A temporary confluence-docs folder with the given files. */
export async function docsDir(files: Record<string, string>): Promise<DocsDir> {
  const root = await mkdtemp(path.join(tmpdir(), 'shopeasy-docs-'));
  const write = async (file: string, content: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  };
  for (const [file, content] of Object.entries(files)) await write(file, content);
  return { root, write, remove: () => rm(root, { recursive: true, force: true }) };
}

/** A small documentation tree: a home page, a section and two pages in it. */
export function sampleDocs(): Record<string, string> {
  return {
    'README.md': page(
      { title: 'ShopEasy', labels: ['shopeasy'] },
      '# ShopEasy\n\nSee [the runbooks](runbooks/README.md).',
    ),
    'runbooks/README.md': page(
      { title: 'Runbooks', parent: 'ShopEasy', labels: ['runbook'] },
      '# Runbooks\n\n- [5xx](errors-5xx.md)',
    ),
    'runbooks/errors-5xx.md': page(
      { title: 'Runbook: 5xx rate', parent: 'Runbooks', labels: ['runbook', 'alarm'] },
      '# 5xx rate\n\n```sh\naws cloudwatch describe-alarms\n```',
    ),
    'runbooks/latency.md': page(
      { title: 'Runbook: latency p99', parent: 'Runbooks' },
      '# Latency\n\nBack to [runbooks](README.md#runbooks).',
    ),
  };
}
