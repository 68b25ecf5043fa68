// `npm start`: the whole local ShopEasy on the documented ports, until Ctrl-C.
import { formatTimings } from './graph.js';
import { startStack, type Stack } from './stack.js';

// TRACING=jaeger also runs Jaeger and sends every component's spans to it; without it nothing traces.
const tracing = process.env.TRACING === 'jaeger' ? 'jaeger' : undefined;
if (process.env.TRACING && !tracing)
  console.warn(`TRACING=${process.env.TRACING} is not known; only "jaeger" is.`);
console.log(
  `Starting ShopEasy locally (emulator, resources, services, gateway${tracing ? ', Jaeger' : ''})…`,
);

// Ctrl-C while starting stops what has started as well as what runs.
let stack: Stack | undefined;
let stopping = false;
const starting = new AbortController();
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  if (!stack) {
    // startStack stops what it has started, then rejects (below).
    starting.abort(new Error('Stopped while starting'));
    return;
  }
  await stack.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

// From the start of this process (performance.now()), Node and tsx loading this script included.
const loaded = performance.now();
try {
  stack = await startStack({
    ports: 'fixed',
    seed: true,
    // A component that dies comes back, as ECS replaces a task; each restart is a console line.
    supervise: { log: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`) },
    ...(tracing ? { tracing } : {}),
    signal: starting.signal,
  });
} catch (error) {
  if (!stopping) {
    // What failed and why, with its log's lines: a variable the CDK does not give names itself here.
    console.error(`\nShopEasy did not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log('Stopped.');
  process.exit(0);
}
const seconds = (performance.now() / 1000).toFixed(1);
if (stack.seeded) console.log(stack.seeded);
console.log(`\nShopEasy is up in ${seconds} s.`);
// Where the time went: each step's start→end, in seconds from the start of this process.
const steps = stack.timings.map((t) => ({ ...t, startMs: t.startMs + loaded, endMs: t.endMs + loaded }));
console.log(`  timing: ${formatTimings([{ name: 'launcher', startMs: 0, endMs: loaded }, ...steps])}`);
for (const [name, c] of stack.running)
  console.log(`  ${name.padEnd(14)} ${c.url ?? '(worker)'}  pid ${c.pid}  log ${c.logFile}`);
console.log(`  ${'aws emulator'.padEnd(14)} ${stack.endpoint}`);
if (stack.jaeger)
  console.log(
    `  ${'jaeger'.padEnd(14)} ${stack.jaeger.uiUrl}  pid ${stack.jaeger.pid}  log ${stack.jaeger.logFile}`,
  );
// The dev environment's admin address (its users task definition) with the local stack's password.
if (stack.env.ADMIN_EMAIL)
  console.log(`  ${'admin login'.padEnd(14)} ${stack.env.ADMIN_EMAIL} / ${stack.env.ADMIN_PASSWORD}`);
console.log(
  `\nAPI: ${stack.gatewayUrl ?? stack.urls.USERS_URL ?? stack.endpoint}/v1  —  Ctrl-C stops everything.`,
);
