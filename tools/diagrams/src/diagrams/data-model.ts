// Data model: every DynamoDB table of the prod data stack with its keys and indexes, and what each
// load scenario reads and writes there, at the cost per request the capacity model works from.
import {
  accessPatterns,
  formatUnits,
  readAccessInputs,
  type AccessInputs,
} from '../data-model/access-patterns.js';
import { summarize } from '../data-model/summarize.js';
import { tableLabel } from '../data-model/table-label.js';
import { readTables, type TableModel } from '../data-model/tables.js';
import type { Diagram } from '../diagram.js';
import { graphHeader, id, legend, nodeAttributes } from '../style.js';

const TITLE = 'ShopEasy data model: tables, keys, indexes and access patterns (capacity units per request)';

/** The DOT of the data model from the tables and the capacity model's inputs. */
export function dataModelDot(tables: readonly TableModel[], inputs: AccessInputs): string {
  const rows = summarize(accessPatterns(inputs));
  const lines = [`digraph data_model {`, graphHeader(TITLE, 'LR'), '  ranksep=1.4;'];
  for (const table of tables) {
    const own = rows.filter((r) => r.table === table.id);
    lines.push(`  ${id(`table:${table.id}`)} [shape=plain label=<${tableLabel(table, own)}>];`);
  }
  // One edge per scenario and table: the units one request spends there, reads and writes.
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  for (const scenario of scenarios)
    lines.push(`  ${id(`scenario:${scenario}`)} ${nodeAttributes('external', `shopper: ${scenario}`)};`);
  for (const scenario of scenarios)
    for (const table of tables) {
      const mine = rows.filter((r) => r.scenario === scenario && r.table === table.id);
      if (mine.length === 0) continue;
      const sum = (kind: 'read' | 'write') =>
        mine.filter((r) => r.kind === kind).reduce((n, r) => n + r.unitsPerRequest, 0);
      const parts = [
        sum('read') > 0 ? `R ${formatUnits(sum('read'))} RCU` : '',
        sum('write') > 0 ? `W ${formatUnits(sum('write'))} WCU` : '',
      ].filter(Boolean);
      const style = sum('write') > 0 ? 'color="#C62828" fontcolor="#B71C1C"' : '';
      lines.push(
        `  ${id(`scenario:${scenario}`)} -> ${id(`table:${table.id}`)} [label=${id(parts.join('\n'))} ${style}];`,
      );
    }
  const unknown = [...new Set(rows.map((r) => r.table))].filter((t) => !tables.some((x) => x.id === t));
  if (unknown.length > 0)
    throw new Error(`the load run used tables prod does not have: ${unknown.join(', ')}`);
  lines.push(
    legend(
      ['external', 'table'],
      [
        { label: 'reads only (RCU per request)', style: '' },
        { label: 'writes (WCU per request)', style: 'color="#C62828" fontcolor="#B71C1C"' },
      ],
    ),
  );
  lines.push('}');
  return lines.join('\n');
}

export const diagram: Diagram = {
  name: 'data-model',
  title: TITLE,
  dot: ({ root, assembly }) => dataModelDot(readTables(assembly), readAccessInputs(root)),
};
