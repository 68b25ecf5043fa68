import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cdkEnvironmentNames, checkJenkinsfile, checkPipelineIntegrations } from './check-jenkinsfile.js';

// Usage: check-jenkinsfile [--jenkinsfile <path>] [--package-json <path>] [--cdk-config <path>];
// exit 1 on a problem.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: {
    jenkinsfile: { type: 'string', default: path.join(root, 'Jenkinsfile') },
    'package-json': { type: 'string', default: path.join(root, 'package.json') },
    'cdk-config': { type: 'string', default: path.join(root, 'infra/lib/app/config.ts') },
  },
});
const jenkinsfile = await readFile(values.jenkinsfile, 'utf8');
const pkg = JSON.parse(await readFile(values['package-json'], 'utf8')) as {
  scripts?: Record<string, string>;
};
const environments = cdkEnvironmentNames(await readFile(values['cdk-config'], 'utf8'));
const report = checkJenkinsfile(jenkinsfile, pkg.scripts ?? {});
const problems = [...report.problems, ...checkPipelineIntegrations(jenkinsfile, environments)];
const label = path.relative(process.cwd(), values.jenkinsfile) || values.jenkinsfile;
for (const call of report.calls) console.log(`  line ${call.line}: npm run ${call.script}`);
if (problems.length > 0) {
  for (const problem of problems) console.error(`${label}: ${problem}`);
  process.exit(1);
}
const scripts = new Set(report.calls.map((call) => call.script));
console.log(
  `${label}: ${report.calls.length} npm calls of ${scripts.size} root scripts, all defined in package.json; ` +
    `Bitbucket build status, Jira builds and deployments (${environments.join(', ')}) reported`,
);
