// `npm run chaos`: against the stack `npm start` runs, under steady traffic (browsing, cart
// changes, buyers racing for stock and reviewing), kills each component in turn (SIGKILL), then
// stops each (SIGTERM), and reports per fault what failed while it was down and when it served
// again. Then it checks the invariants (invariants.ts) and exits 1 when one is broken or a
// component did not come back. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { components } from '@shopeasy/local-stack';
import {
  readGatewayThrottle,
  recordedEnvironment,
  RESTART_HINT,
  throttleTooLow,
} from '../gateway-throttle.js';
import { describeMachine, machineLine } from '../machine.js';
import { stackAdmin } from '../stack-admin.js';
import { json, login, persist, type Client } from './client.js';
import { inject, type Fault, type Target } from './faults.js';
import { settledChecks } from './gather.js';
import { perSecond, Recorder, windowFigures } from './recorder.js';
import { startTraffic } from './traffic.js';
import { reportLines, writeChaosResults } from './report.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    gap: { type: 'string', default: '6' },
    gateway: { type: 'string', default: 'http://127.0.0.1:8080' },
  },
});
const gapMs = Number(values.gap) * 1000;
const gatewayUrl = values.gateway!;
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(gatewayUrl)) {
  console.error(`--gateway ${gatewayUrl}: chaos runs only against a local stack (127.0.0.1)`);
  process.exit(2);
}
// A hard cap: the run stops by itself whatever happens to the stack.
setTimeout(() => {
  console.error('\nStopped: the chaos run went over its cap of 20 minutes.');
  process.exit(3);
}, 20 * 60_000).unref();

const ready = await fetch(`${gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(3000) }).catch(
  () => undefined,
);
if (!ready?.ok) {
  console.error(`Nothing ready answers at ${gatewayUrl}: start the stack with \`npm start\` first.`);
  process.exit(1);
}
if (throttleTooLow(readGatewayThrottle(root), 1000)) {
  console.error(`The gateway's throttle would answer the traffic with 429s. ${RESTART_HINT}`);
  process.exit(2);
}
const orders = recordedEnvironment(root, 'services/orders/src/main.ts');
if ('problem' in orders) throw new Error(orders.problem);
const emulator = {
  endpoint: orders.vars.get('AWS_ENDPOINT_URL')!,
  region: orders.vars.get('AWS_REGION')!,
  ordersTable: orders.vars.get('ORDERS_TABLE')!,
};

const recorder = new Recorder();
let stopping = false;
const client: Client = { recorder, gatewayUrl, stopped: () => stopping };
const credentials = stackAdmin(root);
const admin = await login(client, credentials.email, credentials.password);
const categories = json<{ items: { id: string }[] }>(
  await persist(client, 'browse', '/v1/categories?limit=100'),
)!;
const categoryIds = categories.items.map((c) => c.id);
const productIds: string[] = [];
for (const id of categoryIds.slice(0, 10)) {
  const page = json<{ items: { id: string }[] }>(
    await persist(client, 'browse', `/v1/categories/${id}/products?limit=50`),
  );
  productIds.push(...(page?.items.map((p) => p.id) ?? []));
}
const only = values.only?.split(',');
const targets: Target[] = components(root).filter((c) => !only || only.includes(c.name));
const machine = describeMachine();
console.log(`ShopEasy chaos — ${new Date().toISOString()}`);
console.log(`Machine: ${machineLine(machine)}`);
console.log(
  `Components: ${targets.map((t) => t.name).join(', ')}; ${values.gap} s of steady traffic between faults.`,
);

const settings = {
  admin,
  categoryIds,
  productIds,
  browsers: 3,
  cartChangers: 2,
  buyersPerRace: 6,
  unitsPerRace: 3,
};
const traffic = await startTraffic(client, settings);
await sleep(gapMs);
const faults: Fault[] = [];
for (const signal of ['SIGKILL', 'SIGTERM'] as const)
  for (const target of targets) {
    const fault = await inject(root, target, signal, () => recorder.now());
    faults.push(fault);
    console.log(
      `${signal.padEnd(7)} ${target.name.padEnd(13)} ${fault.recoveryMs === undefined ? 'did not serve again within 60 s' : `served again after ${(fault.recoveryMs / 1000).toFixed(2)} s (pid ${fault.oldPid} → ${fault.newPid})`}`,
    );
    await sleep(gapMs);
  }
console.log(
  '\nFaults over: the traffic finishes its round, then the invariants are read until they hold (≤ 120 s)…',
);
stopping = true;
await traffic.stopped();
// What follows is reading back, not traffic: the figures and the chart end here.
const trafficEnd = recorder.now();
const outcomes = recorder.outcomes.filter((o) => o.at <= trafficEnd);
const { checks, waitedSeconds } = await settledChecks(client, admin, traffic.ledger, emulator, 120);

// A request in flight when the signal came ends within a second of the component's return.
const windows = faults.map((f) => ({
  ...f,
  requests: windowFigures(outcomes, f.at, (f.servedAt ?? f.at + 60_000) + 1000),
}));
const whole = windowFigures(outcomes, 0, trafficEnd);
reportLines(windows, whole, checks, waitedSeconds).forEach((line) => console.log(line));
traffic.ledger.notes.forEach((n) => console.log(`Note: ${n}`));

const written = writeChaosResults(join(root, 'tests', 'load', 'results'), {
  machine,
  settings: {
    ...settings,
    admin: undefined,
    categoryIds: categoryIds.length,
    productIds: productIds.length,
    gapSeconds: Number(values.gap),
  },
  faults: windows,
  whole,
  checks,
  races: traffic.ledger.races.length,
  notes: traffic.ledger.notes,
  seconds: perSecond(outcomes),
});
console.log(`\nResults: ${written.map((file) => relative(process.cwd(), file)).join(', ')}`);
const lost = faults
  .filter((f) => f.recoveryMs === undefined)
  .map((f) => `${f.component} (${f.signal}) did not serve again`);
const broken = checks.filter((c) => !c.ok).map((c) => c.name);
if (lost.length || broken.length) {
  console.error(`\nFAILED: ${[...lost, ...broken].join('; ')}`);
  process.exit(1);
}
console.log('\nPassed: every component served again and every invariant holds.');
process.exit(0);
