import { passed, type DrillReport } from './results.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const short = (checksum: string): string => checksum.slice(0, 12);

function pad(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The drill's table: per table and restore, counts, checksums, items lost and the restore time. */
export function reportLines(report: DrillReport): string[] {
  const rows = [['table', 'restore', 'items', 'checksum', 'lost', 'extra', 'took', 'result']];
  for (const t of report.tables) {
    rows.push([t.table, 'recorded', String(t.recorded.count), short(t.recorded.checksum), '', '', '', '']);
    if (t.damage)
      rows.push([
        '',
        `damaged (-${t.damage.deleted}, ~${t.damage.corrupted})`,
        '',
        short(t.damage.checksum),
        '',
        '',
        '',
        '',
      ]);
    for (const r of t.restores) {
      const ok = r.lost === 0 && r.extra === 0 && r.checksum === t.recorded.checksum;
      rows.push([
        '',
        r.kind,
        String(r.count),
        short(r.checksum),
        String(r.lost),
        String(r.extra),
        seconds(r.ms),
        ok ? 'equal' : 'MISMATCH',
      ]);
    }
    if (t.error) rows.push(['', 'error', '', '', '', '', '', t.error]);
  }
  const lines = pad(rows);
  const o = report.object;
  if ('error' in o) lines.push('', `assets object version restore: FAILED (${o.error})`);
  else {
    const ok = o.versioned && o.restored === o.expected;
    lines.push(
      '',
      `assets object ${o.bucket}/${o.key}: previous version ${o.expected}, restored ${o.restored}` +
        `${o.versioned ? '' : ' (bucket NOT versioned)'}, took ${seconds(o.ms)}: ${ok ? 'equal' : 'MISMATCH'}`,
    );
  }
  const lost = report.tables.flatMap((t) => t.restores).reduce((sum, r) => sum + r.lost, 0);
  lines.push(`${passed(report) ? 'PASS' : 'FAIL'}: ${lost} items lost across ${report.tables.length} tables`);
  return lines;
}
