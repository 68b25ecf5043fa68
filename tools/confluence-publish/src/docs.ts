import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFrontMatter } from './front-matter.js';

/** One page of confluence-docs/: its file (relative, `/`-separated) and front matter. */
export interface DocPage {
  readonly path: string;
  readonly title: string;
  readonly parent?: string;
  readonly labels: readonly string[];
  readonly body: string;
}

/** Files of confluence-docs/ that a page may show as images: they become its attachments. */
export const ATTACHABLE = /\.svg$/i;

export interface Problem {
  readonly path: string;
  readonly message: string;
}

export interface DocSet {
  /** Every valid page, parents before their children. */
  readonly pages: readonly DocPage[];
  readonly problems: readonly Problem[];
  /** The other files pages may show (SVGs), relative and `/`-separated, sorted. */
  readonly files: readonly string[];
}

/** Reads every `*.md` under `root` and checks front matter, unique titles and the page tree. */
export async function loadDocs(root: string): Promise<DocSet> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const all = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const sources = await Promise.all(
    all
      .filter((file) => file.endsWith('.md'))
      .map(async (file) => ({ path: file, source: await readFile(path.join(root, file), 'utf8') })),
  );
  return buildDocSet(
    sources,
    all.filter((file) => ATTACHABLE.test(file)),
  );
}

/** The checks of {@link loadDocs} over sources already read. */
export function buildDocSet(
  sources: readonly { path: string; source: string }[],
  files: readonly string[] = [],
): DocSet {
  const problems: Problem[] = [];
  const pages: DocPage[] = [];
  for (const { path: file, source } of sources) {
    const parsed = parseFrontMatter(source);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((message) => ({ path: file, message })));
      continue;
    }
    const { title, parent, labels } = parsed.frontMatter;
    pages.push({ path: file, title, ...(parent ? { parent } : {}), labels, body: parsed.body });
  }

  const byTitle = new Map<string, DocPage>();
  for (const page of pages) {
    const other = byTitle.get(page.title);
    if (other)
      problems.push({ path: page.path, message: `title "${page.title}" is also the title of ${other.path}` });
    else byTitle.set(page.title, page);
  }
  for (const page of pages) {
    if (page.parent === page.title)
      problems.push({ path: page.path, message: 'a page cannot be its own parent' });
    else if (page.parent && !byTitle.has(page.parent)) {
      problems.push({ path: page.path, message: `parent "${page.parent}" is not the title of any page` });
    }
  }

  // Parents first, so that a parent exists in Confluence before its children are published.
  const ordered: DocPage[] = [];
  let level = pages.filter((page) => !page.parent);
  const placed = new Set<DocPage>();
  while (level.length > 0) {
    for (const page of level) placed.add(page);
    ordered.push(...level);
    const titles = new Set(level.map((page) => page.title));
    level = pages.filter((page) => !placed.has(page) && page.parent !== undefined && titles.has(page.parent));
  }
  for (const page of pages) {
    if (!placed.has(page) && page.parent && byTitle.has(page.parent) && page.parent !== page.title) {
      problems.push({
        path: page.path,
        message: `parent chain of "${page.title}" never reaches a top-level page`,
      });
    }
  }
  return { pages: ordered, problems, files };
}
