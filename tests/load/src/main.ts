// `npm run load`: load scenarios through the gateway of the stack `npm start` runs. Reports
// timings next to the targets without failing on them; exits non-zero when the stack is not
// there, the throttle would be measured instead of ShopEasy, or the run is broken (verdict.ts:
// checkout did not run, a 5xx, an order left pending_payment, an oversell).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFailure } from './api.js';
import { describeThrottle, readGatewayThrottle, RESTART_HINT, throttleTooLow } from './gateway-throttle.js';
import { describeMachine, machineLine } from './machine.js';
import { parseOptions, UsageError } from './options.js';
import { checkoutLines, scenarioTable, targetLines } from './report.js';
import { writeResults } from './results.js';
import { runScenarios } from './scenario-runs.js';
import { memoryLines, readStackMemory } from './stack-memory.js';
import { ratio } from './stats.js';
import { checkTargets } from './targets.js';
import { judgeRun } from './verdict.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const log = (line = '') => console.log(line);

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env, repoRoot);
} catch (error) {
  if (error instanceof UsageError && error.asked) {
    console.log(error.message);
    process.exit(0);
  }
  console.error(error instanceof UsageError || error instanceof TypeError ? error.message : error);
  console.error('`npm run load -- --help` lists the options.');
  process.exit(2);
}

const ready = await fetch(`${options.gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(3000) }).catch(
  () => undefined,
);
if (!ready?.ok) {
  console.error(`Nothing ready answers at ${options.gatewayUrl}. Start the stack with \`npm start\` first`);
  console.error('(in another terminal, and wait for "ShopEasy is up"), then run `npm run load` again.');
  process.exit(1);
}

const machine = describeMachine();
const throttle = readGatewayThrottle(repoRoot);
const date = new Date().toISOString();
// A hard cap: the run stops by itself even if the stack stops answering mid-way.
const capSeconds = 600 + options.scenarios.length * (options.durationSeconds + options.timeoutSeconds + 60);
setTimeout(() => {
  console.error(`\nStopped: the run went over its overall cap of ${capSeconds} s; no results written.`);
  process.exit(3);
}, capSeconds * 1000).unref();

const notes = [
  `The load generator (autocannon, this process), the bare node:http server, the gateway, the five services ` +
    `and the AWS emulator all share this machine's ${machine.cores} cores; every figure includes that contention.`,
  'Throughput is 2xx answers per second; percentiles cover every answer, whatever its status.',
];
log(`ShopEasy load — ${date}`);
log(`Machine: ${machineLine(machine)}`);
log(
  `Target: ${options.gatewayUrl}, ${options.connections} connections, ${options.durationSeconds} s per scenario`,
);
log(describeThrottle(throttle));
if (throttleTooLow(throttle, 1000)) {
  if (!options.allowThrottle) {
    console.error(`\nThat throttle would answer most requests with 429: the run would measure the throttle.`);
    console.error(RESTART_HINT);
    console.error('(or pass --allow-throttle to measure it anyway)');
    process.exit(2);
  }
  notes.push('Run with --allow-throttle: the gateway throttle limited the figures.');
}
notes.forEach((n) => log(`Note: ${n}`));
log(`Overall cap: ${capSeconds} s.\n`);

const memoryBefore = readStackMemory(repoRoot);
const outcome = await runScenarios(options, log, { repoRoot, cores: machine.cores }).catch(
  (error: unknown) => {
    console.error(`\nThe run stopped: ${describeFailure(error)}`);
    return process.exit(1);
  },
);
const memoryAfter = readStackMemory(repoRoot);
const baselineRate = outcome.baseline?.okPerSecond ?? 0;
for (const f of outcome.scenarios) f.ratioToBaseline = ratio(f.okPerSecond, baselineRate);
const targets = checkTargets(outcome.scenarios, outcome.checkout);

log('');
scenarioTable([...(outcome.baseline ? [outcome.baseline] : []), ...outcome.scenarios]).forEach((l) => log(l));
if (outcome.checkout) {
  log('');
  checkoutLines(outcome.checkout).forEach((l) => log(l));
}
for (const f of outcome.failed) log(`${f.scenario}: could not run — ${f.reason}`);
log('');
memoryLines(memoryBefore, memoryAfter).forEach((l) => log(l));
log('');
targetLines(targets).forEach((l) => log(l));
if (
  outcome.scenarios.some((f) => (f.non2xx['429'] ?? 0) > 0) ||
  (outcome.checkout?.statuses['429'] ?? 0) > 0
) {
  log(`\nSome answers were 429 (throttled). ${RESTART_HINT}`);
}

const { outDir, allowThrottle: _allow, ...settings } = options;
const written = writeResults(outDir, {
  date,
  machine,
  settings: { ...settings, throttle },
  ...outcome,
  targets,
  memory: { before: memoryBefore, after: memoryAfter },
  notes,
});
log(`\nResults: ${relative(process.cwd(), written.json)}, ${relative(process.cwd(), written.svg)}`);
const verdict = judgeRun(outcome, options.scenarios);
verdict.notes.forEach((n) => log(`Note: ${n}`));
if (!verdict.ok) {
  console.error('\nFAILED: this run cannot pass:');
  verdict.failures.forEach((f) => console.error(`  - ${f}`));
  process.exit(1);
}
log('\nPassed: every chosen scenario ran, no 5xx, no order left pending_payment, nothing oversold.');
process.exit(0);
