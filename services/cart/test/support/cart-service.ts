import { startServer } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { buildApp, loadCartConfig, wireCart, type CartConfig } from '../../src/index.js';
import { startCatalog, type RunningCatalog } from './catalog.js';
import { call, type Reply } from './http.js';

export interface CartLineBody {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
  lineTotal: { amount: number; currency: string };
}

export interface CartBody {
  items: CartLineBody[];
  total: { amount: number; currency: string };
  updatedAt: string;
}

/** A shopper with their own id and token; every test makes its own. */
export interface Shopper {
  userId: string;
  token: string;
}

export interface CartHarness {
  url: string;
  config: CartConfig;
  issuer: TestIssuer;
  catalog: RunningCatalog;
  shopper(): Promise<Shopper>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  cartOf(shopper: Shopper): Promise<CartBody>;
  /** A second cart service with other settings, on the same table, issuer and catalog. */
  startCart(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * The cart service in-process on a free port against the emulator the global setup started, the
 * real catalog service in-process beside it, and a token issuer standing in for the users service.
 */
export async function startCartHarness(env: Record<string, string> = {}): Promise<CartHarness> {
  const issuer = await startTestIssuer();
  const catalog = await startCatalog(issuer);
  const running: { stop(): Promise<void> }[] = [];

  const startCart = async (overrides: Record<string, string>) => {
    const config = loadCartConfig({
      ...process.env,
      PORT: '0',
      NODE_ENV: 'test',
      JWKS_URL: issuer.jwksUrl,
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      CATALOG_URL: catalog.url,
      ...env,
      ...overrides,
    });
    const logger = createLogger('cart', process.env.TEST_LOG_LEVEL ?? 'silent');
    const wired = wireCart(config, logger, { metrics: false });
    const server = await startServer(await buildApp(wired.deps), 0);
    const handle = {
      url: server.url,
      config,
      async stop() {
        await server.close(1_000);
        await wired.close();
      },
    };
    running.push(handle);
    return handle;
  };

  const main = await startCart({});
  const send: CartHarness['call'] = (method, path, options) => call(main.url, method, path, options);
  return {
    url: main.url,
    config: main.config,
    issuer,
    catalog,
    async shopper() {
      const userId = newId('usr');
      return { userId, token: await issuer.token({ userId, role: 'customer' }) };
    },
    call: send,
    async cartOf(shopper) {
      const reply = await send<CartBody>('GET', '/v1/cart', { token: shopper.token });
      if (reply.status !== 200) throw new Error(`GET /v1/cart answered ${reply.status}`);
      return reply.body;
    },
    startCart,
    async stop() {
      for (const handle of running.reverse()) await handle.stop();
      await catalog.stop();
      await issuer.stop();
    },
  };
}
