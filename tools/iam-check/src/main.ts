import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readAssembly } from './assembly.js';
import { readCalls } from './calls.js';
import { evaluateCalls, formatResults } from './evaluate.js';

// npm run iam:check -- --calls <file.jsonl | folder> [--calls …] [--assembly infra/cdk.out] [--env dev]
const USAGE =
  'usage: npm run iam:check -- --calls <file.jsonl|folder> [--calls …] [--assembly <cdk.out>] [--env dev|staging|prod]';
// infra/cdk.out of this repository, from src/ or dist/ alike.
const DEFAULT_ASSEMBLY = fileURLToPath(new URL('../../../infra/cdk.out', import.meta.url));

let values;
try {
  ({ values } = parseArgs({
    options: {
      calls: { type: 'string', multiple: true },
      assembly: { type: 'string', default: DEFAULT_ASSEMBLY },
      env: { type: 'string', default: 'dev' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!values.calls?.length) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const calls = readCalls(values.calls);
  if (calls.length === 0) {
    // A check with nothing to check proves nothing: no recording ran, or it wrote elsewhere.
    throw new Error(`no calls recorded in ${values.calls.join(', ')}`);
  }
  const results = await evaluateCalls(calls, readAssembly(values.assembly), values.env);
  console.log(formatResults(results, values.env));
  process.exitCode = results.some((r) => !r.allowed) ? 1 : 0;
} catch (error) {
  // No calls, no assembly, no such environment: nothing was proven.
  console.error(`iam check: ${(error as Error).message}`);
  process.exitCode = 1;
}
