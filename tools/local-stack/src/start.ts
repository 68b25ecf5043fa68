// `npm start`: the whole local ShopEasy on the documented ports, until Ctrl-C.
import { startStack } from './stack.js';

const started = Date.now();
console.log('Starting ShopEasy locally (emulator, resources, services, gateway)…');
const stack = await startStack({ ports: 'fixed', seed: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nShopEasy is up in ${seconds} s.`);
for (const [name, c] of stack.running)
  console.log(`  ${name.padEnd(14)} ${c.url ?? '(worker)'}  pid ${c.pid}  log ${c.logFile}`);
console.log(`  ${'aws emulator'.padEnd(14)} ${stack.endpoint}`);
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
