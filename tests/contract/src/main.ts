// `npm run test:contract`: every tool of the contract gate, the end-to-end flows and the fault test.
// The tools that need a running ShopEasy share one seeded stack on free ports; the fault test,
// which kills a service, starts its own. One line per tool at the end; the exit code is non-zero
// when any tool failed.
import { withGateStack, type GateResult, type GateTarget, type GateTool } from './gate.js';

type Loaded = () => Promise<GateTool>;

/** Compare the contracts with the last release: needs no stack. */
const BEFORE: [string, Loaded][] = [['oasdiff', async () => (await import('./oasdiff.js')).oasdiff]];
/** Against the shared stack, in this order: the examples expect the seeded data untouched. */
const ON_STACK: [string, Loaded][] = [
  ['examples', async () => (await import('./examples.js')).examples],
  ['flows', async () => (await import('./prism-e2e.js')).flows],
  ['dredd', async () => (await import('./dredd.js')).dredd],
  ['partners', async () => (await import('./partners.js')).partners],
  ['schemathesis', async () => (await import('./schemathesis.js')).schemathesis],
  // Last: the calls every tool before it made.
  ['iam', async () => (await import('./iam.js')).iam],
];
/** Starts its own stack (behind Prism), once the shared one is stopped. */
const AFTER: [string, Loaded][] = [['fault', async () => (await import('./prism-e2e.js')).fault]];

async function run(name: string, load: Loaded, target: GateTarget | undefined): Promise<GateResult> {
  const started = Date.now();
  console.log(`\n=== contract gate: ${name}`);
  try {
    const tool = await load();
    const result = await tool(target as GateTarget);
    return { ...result, summary: `${result.summary} (${Math.round((Date.now() - started) / 1000)} s)` };
  } catch (error) {
    return { tool: name, ok: false, summary: `could not run: ${(error as Error).message.split('\n')[0]}` };
  }
}

const only = process.argv.slice(2);
const wanted = ([name]: [string, Loaded]) => only.length === 0 || only.includes(name);
const results: GateResult[] = [];
for (const [name, load] of BEFORE.filter(wanted)) results.push(await run(name, load, undefined));
const onStack = ON_STACK.filter(wanted);
if (onStack.length > 0)
  await withGateStack(async (target) => {
    for (const [name, load] of onStack) results.push(await run(name, load, target));
  });
for (const [name, load] of AFTER.filter(wanted)) results.push(await run(name, load, undefined));

console.log('\ncontract gate:');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.tool}: ${r.summary}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
