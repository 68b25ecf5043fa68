/**
 * Measures the latency the gateway adds: the same small request sent straight to a local echo
 * service and through the gateway (public and secured operations), one at a time over keep-alive
 * connections on 127.0.0.1. Prints p50/p90/p99 per series; asserts nothing.
 *
 *   npm run bench -w gateway            (BENCH_REQUESTS=2000 by default)
 */
import { Agent, request } from 'node:http';
import { startServer } from '@shopeasy/service-kit/http';
import { startStubServer, startTestIssuer } from '@shopeasy/service-kit/testing';
import { pino } from 'pino';
import { buildApp, loadGatewayConfig, wireGateway } from '../src/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = 200;

const upstream = await startStubServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[],"nextCursor":null}');
  });
});
const upstreamUrl = upstream.url;

const issuer = await startTestIssuer();
const config = loadGatewayConfig({
  PORT: '0',
  JWKS_URL: issuer.jwksUrl,
  USERS_URL: upstreamUrl,
  CATALOG_URL: upstreamUrl,
  CART_URL: upstreamUrl,
  ORDERS_URL: upstreamUrl,
  FEEDBACK_URL: upstreamUrl,
  THROTTLE_RATE_PER_SECOND: '1000000',
  THROTTLE_BURST: '1000000',
});
// Access-log lines are written as in production, to a sink, so their cost is part of the figure.
const logger = pino({ level: 'info', base: { service: 'gateway' } }, pino.destination('/dev/null'));
const wired = await wireGateway(config, logger, { metrics: false });
const running = await startServer(buildApp(wired.deps), config.PORT, config.HOST);
const token = await issuer.token({ userId: 'usr_bench', role: 'customer' });

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function series(url: string, headers: Record<string, string> = {}): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await timedGet(url, headers);
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) samples.push(await timedGet(url, headers));
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => n.toFixed(3).padStart(8);

try {
  const direct = await series(`${upstreamUrl}/v1/products?limit=20`);
  const publicOp = await series(`${running.url}/v1/products?limit=20`);
  const securedOp = await series(`${running.url}/v1/cart`, { authorization: `Bearer ${token}` });

  console.log(
    `gateway overhead, ${REQUESTS} sequential requests per series (after ${WARMUP} warm-up), milliseconds`,
  );
  console.log('series                              p50       p90       p99');
  for (const [name, s] of [
    ['direct to service', direct],
    ['gateway, public operation', publicOp],
    ['gateway, secured operation (JWT)', securedOp],
  ] as const) {
    console.log(`${name.padEnd(32)}${ms(pct(s, 50))}  ${ms(pct(s, 90))}  ${ms(pct(s, 99))}`);
  }
  console.log(
    `added at p50: public ${ms(pct(publicOp, 50) - pct(direct, 50))}, secured ${ms(pct(securedOp, 50) - pct(direct, 50))}`,
  );
  console.log(
    `added at p99: public ${ms(pct(publicOp, 99) - pct(direct, 99))}, secured ${ms(pct(securedOp, 99) - pct(direct, 99))}`,
  );
} finally {
  agent.destroy();
  await running.close(0);
  await wired.close();
  await issuer.stop();
  await upstream.stop();
}
