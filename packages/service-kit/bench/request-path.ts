// Benchmark, not a test: what one request costs through a service app's whole middleware path
// (context, overload, deadline, body, route, security, validation, handler, response check), called
// in-process without sockets, so the kit's own work is what is measured. `--before <dir>` also
// measures another version's src (`git archive <commit> packages/service-kit/src`, unpacked inside
// the repo), round by round in turn with this one, so both see the same machine load.
//   npm run bench -w @shopeasy/service-kit [-- --requests 5000 --rounds 6 --before <dir>]
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Express } from 'express';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '6' },
    before: { type: 'string' },
  },
  // The routing bench's options come along when both run from `npm run bench`.
  strict: false,
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);

async function widgetsApp(src: string): Promise<Express> {
  const { createServiceApp } = (await import(`${src}/app.js`)) as typeof import('../src/app.js');
  const { createLogger } = (await import(`${src}/logger.js`)) as typeof import('../src/logger.js');
  const widget = { id: 'w1', name: 'Gizmo', price: 100 };
  return createServiceApp({
    service: 'widgets',
    contractPath: fileURLToPath(new URL('../test/fixtures/widgets.yaml', import.meta.url)),
    logger: createLogger('widgets', 'silent'),
    verifier: { verify: async () => ({ userId: 'usr_admin', role: 'admin' }) },
    strictResponses: true,
    handlers: {
      listWidgets: async ({ query }: { query: { limit: number } }) => ({
        status: 200,
        body: { items: [widget], limit: query.limit },
      }),
      createWidget: async ({ body }: { body: object }) => ({ status: 201, body: { id: 'w2', ...body } }),
    },
  });
}

interface Call {
  name: string;
  expected: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

// One request through `app` on a socket that is never connected: the answer is counted, not sent.
function send(target: Express, call: Call): Promise<number> {
  const req = new IncomingMessage(new Socket());
  Object.assign(req, { method: call.method, url: call.url, headers: call.headers });
  const res = new ServerResponse(req);
  res.write = () => true;
  return new Promise((resolve) => {
    res.end = ((): ServerResponse => {
      // What the in-flight count, the deadline timer and the access log wait for.
      res.emit('finish');
      res.emit('close');
      resolve(res.statusCode);
      return res;
    }) as ServerResponse['end'];
    target(req as never, res as never);
    if (call.body) req.push(call.body);
    req.push(null);
  });
}

const body = JSON.stringify({ name: 'Gizmo', price: 100 });
const calls: Call[] = [
  { name: 'GET list (query coerced)', expected: 200, method: 'GET', url: '/v1/widgets?limit=5', headers: {} },
  {
    name: 'POST create (auth + body)',
    expected: 201,
    method: 'POST',
    url: '/v1/widgets',
    headers: {
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'content-length': `${body.length}`,
    },
    body,
  },
];

async function time(app: Express, call: Call, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const status = await send(app, call);
    if (status !== call.expected) throw new Error(`${call.method} ${call.url} answered ${status}`);
  }
  return ((performance.now() - started) * 1000) / count;
}

const versions = new Map([['src', await widgetsApp('../src')]]);
if (typeof values.before === 'string')
  versions.set(values.before, await widgetsApp(pathToFileURL(resolve(values.before)).href));
console.log(`full middleware path (widgets fixture), ${rounds} rounds of ${requests} requests: best, median`);
for (const call of calls) {
  const figures = new Map([...versions.keys()].map((name) => [name, [] as number[]]));
  for (const app of versions.values()) await time(app, call, Math.min(1000, requests));
  for (let round = 0; round < rounds; round++)
    for (const [name, app] of versions) figures.get(name)!.push(await time(app, call, requests));
  for (const [name, runs] of figures) {
    const sorted = runs.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`  ${call.name.padEnd(26)} ${name}: ${sorted[0]!.toFixed(1)} µs, ${median.toFixed(1)} µs`);
  }
}
