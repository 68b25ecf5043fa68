// A table drawn as one record: its keys, its indexes with their projections, and the access
// patterns of the load run with their cost per request (a Graphviz HTML-like label).
import { KINDS } from '../style.js';
import { formatUnits } from './access-patterns.js';
import type { PatternRow } from './summarize.js';
import type { KeyAttribute, TableIndex, TableModel } from './tables.js';

/** Included attributes per line of an index's projection. */
const ATTRIBUTES_PER_LINE = 4;
const COLUMNS = 6;

/** Text made safe inside an HTML-like label. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const key = (k: KeyAttribute | undefined) => (k ? `${k.name} (${k.type})` : '—');

/** Room after a cell's text: a renderer whose font runs wider than Graphviz's Helvetica metrics keeps it. */
export function slack(text: string): string {
  const visible = text.split(/<BR\/>/).map((l) => l.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, 'x'));
  return '&#160;'.repeat(2 + Math.ceil(Math.max(...visible.map((l) => l.length)) / 8));
}
const cell = (text: string, span = 1, extra = '') =>
  `<TD ALIGN="LEFT" BALIGN="LEFT"${span > 1 ? ` COLSPAN="${span}"` : ''}${extra}>${text}${slack(text)}</TD>`;
const row = (...cells: string[]) => `<TR>${cells.join('')}</TR>`;
const heading = (text: string) => row(cell(`<B>${html(text)}</B>`, COLUMNS, ` BGCOLOR="#C8E6C9"`));

/** `INCLUDE (11)` and the attributes, a few per line; ALL and KEYS_ONLY as they are. */
export function projectionText(index: TableIndex): string {
  const { type, attributes } = index.projection;
  if (attributes.length === 0) return html(type);
  const lines: string[] = [];
  for (let i = 0; i < attributes.length; i += ATTRIBUTES_PER_LINE)
    lines.push(attributes.slice(i, i + ATTRIBUTES_PER_LINE).join(', '));
  return `${html(`${type} (${attributes.length}):`)}<BR/>${lines.map(html).join(',<BR/>')}`;
}

function rowLabel(r: PatternRow): string[] {
  const units = `${formatUnits(r.unitsPerRequest)} ${r.kind === 'read' ? 'RCU' : 'WCU'}`;
  const keys = r.keys > 1 ? ` (${r.keys} keys)` : '';
  return [
    cell(html(r.perMiss ? `${r.scenario} (per miss)` : r.scenario)),
    cell(r.kind === 'read' ? 'R' : '<B>W</B>'),
    cell(html(r.index ?? 'table')),
    cell(`<FONT COLOR="#546E7A">${html(r.operations.join(', '))}</FONT>`),
    cell(html(`${r.pattern}${keys}`)),
    `<TD ALIGN="RIGHT">${html(units)}&#160;&#160;</TD>`,
  ];
}

/** The HTML-like label of one table. */
export function tableLabel(table: TableModel, rows: readonly PatternRow[]): string {
  const k = KINDS.table;
  const facts = [
    `PK ${key(table.partitionKey)}`,
    `SK ${key(table.sortKey)}`,
    ...(table.ttlAttribute ? [`TTL ${table.ttlAttribute}`] : []),
    ...(table.streamView ? [`stream ${table.streamView}`] : []),
    ...(table.billingMode ? [table.billingMode === 'PAY_PER_REQUEST' ? 'on-demand' : table.billingMode] : []),
  ];
  const lines = [
    `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" BGCOLOR="${k.fill}" COLOR="${k.border}">`,
    row(
      `<TD COLSPAN="${COLUMNS}" BGCOLOR="${k.border}"><FONT COLOR="white" POINT-SIZE="14"><B>${html(table.id)}</B></FONT>` +
        `<FONT COLOR="white">${'&#160;'.repeat(2 + Math.ceil(table.id.length / 2))}${html(table.physicalName)}</FONT>${slack(table.physicalName)}</TD>`,
    ),
    row(cell(html(facts.join(' · ')), COLUMNS)),
  ];
  if (table.indexes.length > 0) {
    lines.push(heading('Indexes: keys and projection'));
    for (const index of table.indexes)
      lines.push(
        row(
          cell(`<B>${html(index.name)}</B>${slack(index.name)}${index.kind}`),
          cell(html(`${key(index.partitionKey)} / ${key(index.sortKey)}`), 2),
          cell(projectionText(index), COLUMNS - 3),
        ),
      );
  }
  lines.push(heading('Access patterns of the load run: cost per request'));
  if (rows.length === 0) lines.push(row(cell('<I>none recorded by npm run load</I>', COLUMNS)));
  for (const r of rows) lines.push(row(...rowLabel(r)));
  lines.push('</TABLE>');
  return lines.join('\n');
}
