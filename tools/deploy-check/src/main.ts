import { parseArgs } from 'node:util';
import { CHECK_IMAGE_TAG, ENVIRONMENT_NAMES, type EnvironmentName } from '@shopeasy/infra/config';
import { recordBlueGreen } from './blue-green.js';
import { formatResults, runDeployCheck } from './run.js';
import { readAssembly, synthesize } from './synthesize.js';

// npm run deploy:check [-- --env dev,staging,prod] [--image-tag <commit>] [--assembly <cdk.out>] [--record-blue-green]
const USAGE = `usage: npm run deploy:check -- [--env ${ENVIRONMENT_NAMES.join(',')}] [--image-tag <commit>] [--assembly <synthesized cloud assembly>]`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      env: { type: 'string' },
      'image-tag': { type: 'string', default: CHECK_IMAGE_TAG },
      assembly: { type: 'string' },
      'record-blue-green': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const environments = (values.env?.split(',').map((e) => e.trim()) ?? [
  ...ENVIRONMENT_NAMES,
]) as EnvironmentName[];
if (environments.some((e) => !ENVIRONMENT_NAMES.includes(e)) || !values['image-tag']?.trim()) {
  console.error(USAGE);
  process.exit(2);
}

if (values['record-blue-green']) {
  // After a reviewed change to what blue/green swaps (infra/README.md), the new state is recorded.
  const templates = values.assembly
    ? readAssembly(values.assembly, environments)
    : synthesize(environments, values['image-tag']);
  recordBlueGreen(new Map([...templates].map(([env, t]) => [env, t.services!])));
  console.log(`Recorded what blue/green swaps in ${environments.join(', ')} into infra/blue-green.lock.json`);
  process.exit(0);
}

const started = Date.now();
const results = await runDeployCheck(environments, values['image-tag'], values.assembly);
console.log(formatResults(results));
const how = values.assembly ? `read from ${values.assembly}` : 'synthesized';
console.log(
  `(${environments.join(', ')} ${how} and checked in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exitCode = results.some((r) => r.problem) ? 1 : 0;
