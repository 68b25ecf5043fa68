// `npm start`: the whole local ShopEasy on the documented ports, until Ctrl-C.
import { startStack } from './stack.js';

const started = Date.now();
// TRACING=jaeger also runs Jaeger and sends every component's spans to it; without it nothing traces.
const tracing = process.env.TRACING === 'jaeger' ? 'jaeger' : undefined;
if (process.env.TRACING && !tracing)
  console.warn(`TRACING=${process.env.TRACING} is not known; only "jaeger" is.`);
console.log(
  `Starting ShopEasy locally (emulator, resources, services, gateway${tracing ? ', Jaeger' : ''})…`,
);
const stack = await startStack({ ports: 'fixed', seed: true, ...(tracing ? { tracing } : {}) });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nShopEasy is up in ${seconds} s.`);
for (const [name, c] of stack.running)
  console.log(`  ${name.padEnd(14)} ${c.url ?? '(worker)'}  pid ${c.pid}  log ${c.logFile}`);
console.log(`  ${'aws emulator'.padEnd(14)} ${stack.endpoint}`);
if (stack.jaeger)
  console.log(
    `  ${'jaeger'.padEnd(14)} ${stack.jaeger.uiUrl}  pid ${stack.jaeger.pid}  log ${stack.jaeger.logFile}`,
  );
console.log(
  `\nAPI: ${stack.gatewayUrl ?? stack.urls.USERS_URL ?? stack.endpoint}/v1  —  Ctrl-C stops everything.`,
);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
