// How the breaking-change gate's result is shown: console lines, the docs page, a JUnit report.

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const tally = (c, level) => c.changes.filter((x) => x.level === level).length;
const versions = (c) => (c.baseVersion === null ? `new, ${c.version}` : `${c.baseVersion} → ${c.version}`);

const VERDICT = {
  ok: 'ok',
  new: 'new contract',
  allowed: 'breaking, allowed: major version bumped',
  breaking: 'FAILS: breaking without a major version bump',
};

/** The one line a gate prints, e.g. `6 contracts vs v1.2.0, 0 breaking changes`. */
export function summaryLine(result) {
  // Counted once per operation and change, as a domain's change shows in the bundle too.
  const allowed = new Set(
    result.contracts
      .filter((c) => c.status === 'allowed')
      .flatMap((c) => c.changes.filter((x) => x.level === 'breaking').map((x) => `${x.operation} ${x.text}`)),
  ).size;
  const extra = allowed > 0 ? ` (${allowed} more allowed by a major version bump)` : '';
  return `${plural(result.contracts.length, 'contract')} vs ${result.base.label}, ${plural(result.breaking, 'breaking change')}${extra}`;
}

/** Console lines: one per contract, then each breaking change that fails the gate. */
export function consoleLines(result) {
  const lines = [`Public contracts compared with ${result.base.label}:`];
  for (const c of result.contracts) {
    const counts = `${tally(c, 'breaking')} breaking, ${tally(c, 'warning')} warnings, ${tally(c, 'compatible')} compatible`;
    lines.push(`  ${c.name} ${versions(c)}: ${counts}: ${VERDICT[c.status]}`);
    if (c.status !== 'breaking') continue;
    for (const x of c.changes.filter((x) => x.level === 'breaking'))
      lines.push(`    ${x.operation}: ${x.text}`);
  }
  return lines;
}

/** The published changelog page (confluence-docs/api/changelog.md): the public bundle's changes. */
export function changelogPage(result, oasdiffVersion) {
  const rows = result.contracts.map(
    (c) =>
      `| \`${c.name}\` | ${versions(c)} | ${tally(c, 'breaking')} | ${tally(c, 'warning')} | ${tally(c, 'compatible')} | ${VERDICT[c.status]} |`,
  );
  const bundle = result.contracts.at(-1);
  const byOperation = new Map();
  for (const x of bundle.changes) byOperation.set(x.operation, [...(byOperation.get(x.operation) ?? []), x]);
  const details = [...byOperation].flatMap(([operation, changes]) => [
    `### \`${operation}\``,
    '',
    ...changes.map((x) => `- ${x.level === 'compatible' ? '' : `**${x.level}**: `}${x.text}`),
    '',
  ]);
  return [
    '---',
    'title: API changelog',
    'parent: API and contracts',
    'labels: [shopeasy, api, contracts, changelog]',
    '---',
    '',
    '# API changelog',
    '',
    `The public contracts compared with **${result.base.label}** by oasdiff ${oasdiffVersion}.`,
    'The base is the last release (the newest `v*` tag); without a tag, the merge-base with main,',
    'and on main the commit before the last change to a contract document. Written by',
    '`npm run contracts:breaking` (and the contract gate) on every build; do not edit it by hand.',
    '',
    'A **breaking** change fails the build unless the contract that carries it raises its',
    "major version (`info.version`; the bundle's version is `shared.yaml`'s). A **warning** may break",
    'a strict client (a new enum value in a response, for one) and is listed, not failed.',
    '',
    '| contract | version | breaking | warnings | compatible | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Changes to the public API',
    '',
    `What partners and frontend teams see (\`contracts/dist/${bundle.name}\`), by operation.`,
    '',
    ...(details.length > 0 ? details : [`No changes since ${result.base.label}.`, '']),
  ].join('\n');
}

const xml = (s) =>
  String(s).replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]);

/** JUnit XML for Jenkins: one test case per contract, failed when it carries breaking changes. */
export function junitReport(result) {
  const cases = result.contracts.map((c) => {
    const failure =
      c.status === 'breaking'
        ? `<failure message="${xml(`${tally(c, 'breaking')} breaking changes without a major version bump`)}">${xml(
            c.changes
              .filter((x) => x.level === 'breaking')
              .map((x) => `${x.operation}: ${x.text}`)
              .join('\n'),
          )}</failure>`
        : '';
    return `  <testcase classname="oasdiff" name="${xml(`${c.name} vs ${result.base.label}`)}">${failure}</testcase>`;
  });
  const failures = result.contracts.filter((c) => c.status === 'breaking').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="oasdiff breaking changes" tests="${cases.length}" failures="${failures}">`,
    ...cases,
    '</testsuite>',
    '',
  ].join('\n');
}
