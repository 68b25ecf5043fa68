import { Marked, type RendererObject, type Tokens } from 'marked';
import type { DocPage } from './docs.js';
import { resolveLink } from './links.js';

/** Escapes text for XHTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text inside CDATA; `]]>` cannot appear in one section, so it is split across two. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Fence languages as the Confluence code macro names them. */
const CODE_LANGUAGES: Readonly<Record<string, string>> = {
  sh: 'bash',
  shell: 'bash',
  console: 'bash',
  zsh: 'bash',
  ts: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  yml: 'yaml',
  py: 'python',
  jenkinsfile: 'groovy',
  hcl: 'text',
  ini: 'text',
  http: 'text',
};

export function codeMacro(code: string, lang?: string): string {
  const fence = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const language = CODE_LANGUAGES[fence] ?? (fence || 'text');
  return (
    '<ac:structured-macro ac:name="code">' +
    `<ac:parameter ac:name="language">${escapeXml(language)}</ac:parameter>` +
    `<ac:plain-text-body>${cdata(code)}</ac:plain-text-body>` +
    '</ac:structured-macro>\n'
  );
}

export class ConversionError extends Error {
  constructor(page: string, message: string) {
    super(`${page}: ${message}`);
    this.name = 'ConversionError';
  }
}

/**
 * Converts a page's Markdown to Confluence storage format (XHTML with `ac:` macros): fenced code
 * becomes the code macro, links to other pages of confluence-docs/ become page links by title.
 */
export function toStorageFormat(page: DocPage, byPath: ReadonlyMap<string, DocPage>): string {
  const renderer: RendererObject = {
    code: ({ text, lang }) => codeMacro(text, lang),
    html: ({ text }) => escapeXml(text),
    hr: () => '<hr />\n',
    br: () => '<br />',
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
    image: ({ href, text }) => {
      const resolved = resolveLink(page, href, byPath);
      const alt = `ac:alt="${escapeXml(text)}"`;
      // An SVG of confluence-docs/ is uploaded as an attachment of this page (publish.ts).
      if (resolved.kind === 'file')
        return `<ac:image ${alt}><ri:attachment ri:filename="${escapeXml(resolved.filename)}" /></ac:image>`;
      if (resolved.kind !== 'external')
        throw new ConversionError(
          page.path,
          `image ${href}: use an absolute URL or an SVG of confluence-docs/`,
        );
      return `<ac:image ${alt}><ri:url ri:value="${escapeXml(href)}" /></ac:image>`;
    },
    link({ href, tokens }) {
      const body = this.parser.parseInline(tokens);
      const resolved = resolveLink(page, href, byPath);
      switch (resolved.kind) {
        case 'external':
        case 'anchor':
          return `<a href="${escapeXml(href)}">${body}</a>`;
        case 'page':
          return (
            `<ac:link><ri:page ri:content-title="${escapeXml(resolved.page.title)}" />` +
            `<ac:link-body>${body}</ac:link-body></ac:link>`
          );
        case 'broken':
          throw new ConversionError(page.path, `link ${href}: ${resolved.reason}`);
        case 'file':
          throw new ConversionError(page.path, `link ${href}: show an SVG as an image`);
      }
    },
    table(token: Tokens.Table) {
      const cell = (c: Tokens.TableCell, tag: 'th' | 'td') => {
        const align = c.align ? ` style="text-align: ${c.align}"` : '';
        return `<${tag}${align}>${this.parser.parseInline(c.tokens)}</${tag}>`;
      };
      const header = `<tr>${token.header.map((c) => cell(c, 'th')).join('')}</tr>`;
      const rows = token.rows.map((row) => `<tr>${row.map((c) => cell(c, 'td')).join('')}</tr>`);
      return `<table><tbody>${header}${rows.join('')}</tbody></table>\n`;
    },
  };
  const marked = new Marked({ gfm: true, async: false, renderer });
  return (marked.parse(page.body) as string).trim();
}
