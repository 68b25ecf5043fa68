import path from 'node:path';
import { Lexer, type Token, type Tokens } from 'marked';
import { ATTACHABLE, type DocPage, type Problem } from './docs.js';

export interface MarkdownLink {
  readonly kind: 'link' | 'image';
  readonly href: string;
}

/** Every link and image in a Markdown document (code blocks and spans excluded). */
export function collectLinks(markdown: string): MarkdownLink[] {
  const found: MarkdownLink[] = [];
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link' || token.type === 'image') {
        found.push({ kind: token.type, href: (token as Tokens.Link | Tokens.Image).href });
      }
      const nested = token as {
        tokens?: Token[];
        items?: Tokens.ListItem[];
        header?: Tokens.TableCell[];
        rows?: Tokens.TableCell[][];
      };
      if (nested.tokens) visit(nested.tokens);
      if (nested.items) visit(nested.items);
      for (const cell of [...(nested.header ?? []), ...(nested.rows ?? []).flat()]) visit(cell.tokens);
    }
  };
  visit(new Lexer({ gfm: true }).lex(markdown));
  return found;
}

/** A link that leaves the page: to another site, or a mail address. */
export function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a page's headings. */
export function headingAnchors(markdown: string): Set<string> {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  return new Set(
    tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((t) => headingSlug(t.text)),
  );
}

export type ResolvedLink =
  | { kind: 'external'; href: string }
  | { kind: 'anchor'; fragment: string }
  | { kind: 'page'; page: DocPage; fragment?: string }
  | { kind: 'file'; path: string; filename: string }
  | { kind: 'broken'; reason: string };

/**
 * Where a link of `from` leads; relative links must name another page of confluence-docs/ or,
 * for an image, an SVG file in it.
 */
export function resolveLink(from: DocPage, href: string, byPath: ReadonlyMap<string, DocPage>): ResolvedLink {
  if (isExternal(href)) return { kind: 'external', href };
  const [target = '', fragment] = href.split('#', 2);
  if (target === '')
    return fragment ? { kind: 'anchor', fragment } : { kind: 'broken', reason: 'empty link' };
  if (target.startsWith('/'))
    return { kind: 'broken', reason: 'absolute paths do not resolve in Confluence' };
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    return { kind: 'broken', reason: 'malformed percent-encoding' };
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from.path), decoded));
  if (resolved.startsWith('../')) {
    return { kind: 'broken', reason: 'leaves confluence-docs/ (name a repository file as `code` instead)' };
  }
  if (ATTACHABLE.test(resolved))
    return { kind: 'file', path: resolved, filename: path.posix.basename(resolved) };
  const page = byPath.get(resolved);
  if (!page) return { kind: 'broken', reason: `no page ${resolved} in confluence-docs/` };
  return fragment ? { kind: 'page', page, fragment } : { kind: 'page', page };
}

/**
 * Broken relative links and anchors of every page, and images of SVG files that `files` (paths
 * relative to confluence-docs/) lacks.
 */
export function linkProblems(pages: readonly DocPage[], files: readonly string[] = []): Problem[] {
  const byPath = new Map(pages.map((page) => [page.path, page]));
  const anchors = new Map(pages.map((page) => [page.path, headingAnchors(page.body)]));
  const existing = new Set(files);
  const problems: Problem[] = [];
  for (const page of pages) {
    // Attachments are named by file name on their page: two files of one name would clash.
    const attached = new Map<string, string>();
    for (const link of collectLinks(page.body)) {
      const resolved = resolveLink(page, link.href, byPath);
      const report = (reason: string) =>
        problems.push({ path: page.path, message: `${link.kind} ${link.href}: ${reason}` });
      if (resolved.kind === 'file') {
        const other = attached.get(resolved.filename);
        if (link.kind === 'link')
          report('link to a file: show an SVG as an image, ![what it shows](file.svg)');
        else if (!existing.has(resolved.path)) report(`no file ${resolved.path} in confluence-docs/`);
        else if (other && other !== resolved.path)
          report(`${other} has the same file name, and attachments of a page are named by it`);
        else attached.set(resolved.filename, resolved.path);
      } else if (link.kind === 'image' && resolved.kind !== 'external')
        report('images must be absolute URLs or SVG files of confluence-docs/');
      else if (resolved.kind === 'broken') report(resolved.reason);
      else if (resolved.kind === 'anchor' && !anchors.get(page.path)?.has(resolved.fragment))
        report('no such heading on this page');
      else if (
        resolved.kind === 'page' &&
        resolved.fragment &&
        !anchors.get(resolved.page.path)?.has(resolved.fragment)
      ) {
        report(`no such heading in ${resolved.page.path}`);
      }
    }
  }
  return problems;
}
