// Benchmark, not a test: what matching a request to its operation costs, openapi-backend's own
// router against the one `loadContract` sets up (routeOnce in src/contract.ts), on a real contract.
// Then the full request path (request-path.ts).
//   npm run bench -w @shopeasy/service-kit [-- --contract catalog --matches 100000]
import { parseArgs } from 'node:util';
import { OpenAPIBackend } from 'openapi-backend';
import { contractPath } from '../src/config.js';
import { loadContract } from '../src/contract.js';

const { values } = parseArgs({
  options: {
    contract: { type: 'string', default: 'catalog' },
    matches: { type: 'string', default: '100000' },
    // request-path.ts's, read there.
    requests: { type: 'string' },
    rounds: { type: 'string' },
    before: { type: 'string' },
  },
});
const matches = Number(values.matches);
const ours = await loadContract(contractPath(values.contract));
// Matching only: no validators to compile.
const theirs = new OpenAPIBackend({
  definition: contractPath(values.contract),
  strict: true,
  validate: false,
});
await theirs.init();
// One request per operation of the contract, its path parameters filled in.
const requests = theirs.router
  .getOperations()
  .map((op) => ({ method: op.method, path: op.path.replace(/\{[^}]+\}/g, 'x1'), headers: {} }));
const someId = theirs.router.getOperations()[0]!.operationId!;

function time(api: OpenAPIBackend): number {
  const started = performance.now();
  for (let i = 0; i < matches; i++) {
    api.router.matchOperation(requests[i % requests.length]!);
    api.router.getOperation(someId);
  }
  return ((performance.now() - started) * 1000) / matches;
}
// Twice each, alternating, so neither runs only while the other warmed the machine up.
const figures = { 'openapi-backend': [] as number[], 'routed once': [] as number[] };
for (let round = 0; round < 2; round++) {
  figures['openapi-backend'].push(time(theirs));
  figures['routed once'].push(time(ours));
}
console.log(`${values.contract}: ${requests.length} operations, ${matches} matches and lookups each round`);
for (const [name, runs] of Object.entries(figures))
  console.log(
    `  ${name.padEnd(16)} ${runs.map((us) => `${us.toFixed(2)} µs`).join(', ')} per match + lookup`,
  );
const ratio = Math.min(...figures['openapi-backend']) / Math.min(...figures['routed once']);
console.log(`  routed once is ${ratio.toFixed(0)}× cheaper (best of each)`);

await import('./request-path.js');
