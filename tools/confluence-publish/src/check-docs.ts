import { ConversionError, toStorageFormat } from './convert.js';
import { loadDocs, type DocPage, type Problem } from './docs.js';
import { collectLinks, isExternal, linkProblems } from './links.js';

export interface DocsReport {
  readonly pages: readonly DocPage[];
  /** Relative links and anchors checked. */
  readonly links: number;
  readonly problems: readonly Problem[];
}

/**
 * Front matter, the page tree, relative links and anchors, the SVG files pages show, and
 * conversion of every page.
 */
export async function checkDocs(root: string): Promise<DocsReport> {
  const docs = await loadDocs(root);
  const problems: Problem[] = [...docs.problems, ...linkProblems(docs.pages, docs.files)];
  const byPath = new Map(docs.pages.map((page) => [page.path, page]));
  for (const page of docs.pages) {
    try {
      toStorageFormat(page, byPath);
    } catch (error) {
      // Broken links are reported above already; anything else the converter refuses is new.
      if (!(error instanceof ConversionError)) throw error;
      if (!problems.some((p) => p.path === page.path))
        problems.push({ path: page.path, message: error.message });
    }
  }
  const links = docs.pages.reduce(
    (count, page) => count + collectLinks(page.body).filter((link) => !isExternal(link.href)).length,
    0,
  );
  return { pages: docs.pages, links, problems };
}
