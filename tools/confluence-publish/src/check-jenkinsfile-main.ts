import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkJenkinsfile } from './check-jenkinsfile.js';

// Usage: check-jenkinsfile [--jenkinsfile <path>] [--package-json <path>]; exit 1 on a problem.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    jenkinsfile: { type: 'string', default: path.join(root, 'Jenkinsfile') },
    'package-json': { type: 'string', default: path.join(root, 'package.json') },
  },
});
const jenkinsfile = await readFile(values.jenkinsfile, 'utf8');
const pkg = JSON.parse(await readFile(values['package-json'], 'utf8')) as {
  scripts?: Record<string, string>;
};
const report = checkJenkinsfile(jenkinsfile, pkg.scripts ?? {});
const label = path.relative(process.cwd(), values.jenkinsfile) || values.jenkinsfile;
for (const call of report.calls) console.log(`  line ${call.line}: npm run ${call.script}`);
if (report.problems.length > 0) {
  for (const problem of report.problems) console.error(`${label}: ${problem}`);
  process.exit(1);
}
const scripts = new Set(report.calls.map((call) => call.script));
console.log(
  `${label}: ${report.calls.length} npm calls of ${scripts.size} root scripts, all defined in package.json`,
);
