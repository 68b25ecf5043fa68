import { escapeHtml, oneLine } from './format.js';

/** A rendered email: subject and the same message as plain text and as HTML. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** One block of the message: a paragraph, or a table of rows (label, value). */
export type Block = { paragraph: string } | { rows: ReadonlyArray<readonly [string, string]> };

/**
 * Builds an email from plain-text blocks. All text is escaped for the HTML part here, so the
 * templates never write markup themselves.
 */
export function composeEmail(subject: string, greeting: string, blocks: readonly Block[]): EmailContent {
  const all: Block[] = [{ paragraph: greeting }, ...blocks, { paragraph: 'The ShopEasy team' }];
  const text = all
    .map((b) => ('paragraph' in b ? b.paragraph : b.rows.map(([l, v]) => `${l}  ${v}`).join('\n')))
    .join('\n\n');
  const body = all
    .map((b) =>
      'paragraph' in b
        ? `<p>${escapeHtml(b.paragraph)}</p>`
        : `<table>${b.rows
            .map(([l, v]) => `<tr><td>${escapeHtml(l)}</td><td align="right">${escapeHtml(v)}</td></tr>`)
            .join('')}</table>`,
    )
    .join('\n');
  const title = oneLine(subject);
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif">
${body}
</body></html>`;
  return { subject: title, text: `${text}\n`, html };
}
