import { Writable } from 'node:stream';
import { type RunningServer, startServer } from '@shopeasy/service-kit/http';
import { startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { pino } from 'pino';
import { buildApp, loadGatewayConfig, readApiDocument, wireGateway } from '../../src/index.js';
import { startEchoUpstream, type EchoUpstream } from './echo-upstream.js';

export const SERVICES = ['users', 'catalog', 'cart', 'orders', 'feedback'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface TestGateway {
  url: string;
  document: unknown;
  issuer: TestIssuer;
  upstreams: Record<ServiceName, EchoUpstream>;
  /** Access-log and error lines the gateway wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Everything the services received, all services together. */
  received(): EchoUpstream['received'];
  stop(): Promise<void>;
}

/**
 * The gateway as `npm start` runs it (config from environment variables, the bundled API
 * document from contracts/dist), in-process on a free port, in front of five echo services.
 * `now` (monotonic ms) drives the throttles' refill; the system clock otherwise.
 */
export async function startTestGateway(
  env: Record<string, string> = {},
  now?: () => number,
): Promise<TestGateway> {
  const issuer = await startTestIssuer();
  const entries = await Promise.all(SERVICES.map(async (s) => [s, await startEchoUpstream(s)] as const));
  const upstreams = Object.fromEntries(entries) as Record<ServiceName, EchoUpstream>;
  const config = loadGatewayConfig({
    PORT: '0',
    JWKS_URL: issuer.jwksUrl,
    USERS_URL: upstreams.users.url,
    CATALOG_URL: upstreams.catalog.url,
    CART_URL: upstreams.cart.url,
    ORDERS_URL: upstreams.orders.url,
    FEEDBACK_URL: upstreams.feedback.url,
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info', base: { service: 'gateway' } }, sink);
  const document = await readApiDocument(config.API_DOCUMENT_PATH);
  const wired = await wireGateway(config, logger, { metrics: false, now });
  const running: RunningServer = await startServer(buildApp(wired.deps), config.PORT, config.HOST);
  return {
    url: running.url,
    document,
    issuer,
    upstreams,
    logs,
    received: () => Object.values(upstreams).flatMap((u) => u.received),
    async stop() {
      await running.close(0);
      await wired.close();
      await Promise.all([...Object.values(upstreams).map((u) => u.stop()), issuer.stop()]);
    },
  };
}
