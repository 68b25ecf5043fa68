import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkDocs } from './check-docs.js';

// Usage: check-docs [--docs <dir>]; exit 1 when a page has bad front matter or a broken link.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: { docs: { type: 'string', default: path.join(root, 'confluence-docs') } },
});
const report = await checkDocs(values.docs);
for (const page of report.pages)
  console.log(`  ${page.path}: "${page.title}"${page.parent ? ` under "${page.parent}"` : ''}`);
for (const problem of report.problems) console.error(`${problem.path}: ${problem.message}`);
console.log(
  `confluence-docs: ${report.pages.length} pages, ${report.links} relative links checked, ${report.problems.length} problems`,
);
if (report.problems.length > 0 || report.pages.length === 0) process.exit(1);
