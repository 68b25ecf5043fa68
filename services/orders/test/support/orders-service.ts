import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { startServer } from '@shopeasy/service-kit/http';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { keys } from '../../src/data-access/keys.js';
import {
  buildApp,
  loadOrdersConfig,
  wireOrders,
  type OrdersConfig,
  type OrdersOverrides,
  type PaymentProvider,
  type WiredOrders,
} from '../../src/index.js';
import { createSandboxProvider } from '../../src/payments/sandbox-provider.js';
import { startCartStub, type CartStub } from './cart-stub.js';
import { startCatalogStub, type CatalogStub } from './catalog-stub.js';

export const INTERNAL_KEY = 'orders-test-internal-key';

/** What a test shares between service instances: peers, tokens, the table. */
export interface Peers {
  issuer: TestIssuer;
  catalog: CatalogStub;
  cart: CartStub;
  /** The orders table as the tests read it (outlives every service instance of the file). */
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startPeers(): Promise<Peers> {
  const [issuer, catalog, cart] = await Promise.all([
    startTestIssuer(),
    startCatalogStub(INTERNAL_KEY),
    startCartStub(),
  ]);
  const aws = createAwsClients(loadOrdersConfig({ ...process.env, NODE_ENV: 'test' }));
  return {
    issuer,
    catalog,
    cart,
    db: aws.dynamo,
    async stop() {
      await Promise.all([issuer.stop(), catalog.stop(), cart.stop()]);
      aws.destroy();
    },
  };
}

/** The configuration the tests run orders with: the peers' URLs and keys, then `env`. */
export function testConfig(peers: Peers, env: Record<string, string> = {}): OrdersConfig {
  return loadOrdersConfig({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    JWKS_URL: peers.issuer.jwksUrl,
    JWT_ISSUER: peers.issuer.issuer,
    JWT_AUDIENCE: peers.issuer.audience,
    INTERNAL_API_KEY: INTERNAL_KEY,
    CATALOG_URL: peers.catalog.url,
    CART_URL: peers.cart.url,
    ...env,
  });
}

// Counted and dropped: EMF lines on stdout would bury the test report.
export interface OrdersService {
  url: string;
  config: OrdersConfig;
  wired: WiredOrders;
  /** Calls of the payment provider's charge(), replays included. */
  chargeCalls: string[];
  /** The orders table (the peers' client). */
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

/** The services' clock in a test: the system clock, moved on by hand instead of waiting. */
export interface TestClock {
  now: () => number;
  /** From now on the clock reads `ms` later, as if that much time had passed. */
  advance: (ms: number) => void;
}

export function testClock(): TestClock {
  let skippedMs = 0;
  return { now: () => Date.now() + skippedMs, advance: (ms) => void (skippedMs += ms) };
}

/**
 * The orders service in-process on a free port, wired as main.ts wires it, against the emulator
 * and the given peers. The sandbox provider counts its charges; instances given the same `clock`
 * share its time (leases, expiries), the system clock otherwise.
 */
export async function startOrders(
  peers: Peers,
  options: {
    env?: Record<string, string>;
    onCheckoutStep?: OrdersOverrides['onCheckoutStep'];
    clock?: TestClock;
  } = {},
): Promise<OrdersService> {
  const config = testConfig(peers, options.env);
  const chargeCalls: string[] = [];
  const sandbox = createSandboxProvider(peers.db, config.ORDERS_TABLE, {
    delayMs: config.SANDBOX_PAYMENT_DELAY_MS,
  });
  const payments: PaymentProvider = {
    ...sandbox,
    charge: (request) => {
      chargeCalls.push(request.idempotencyKey);
      return sandbox.charge(request);
    },
  };
  const wired = wireOrders(config, createLogger('orders', process.env.TEST_LOG_LEVEL ?? 'silent'), {
    payments,
    metrics: false,
    ...(options.onCheckoutStep ? { onCheckoutStep: options.onCheckoutStep } : {}),
    ...(options.clock ? { now: options.clock.now } : {}),
  });
  const running = await startServer(await buildApp(wired.deps), 0);
  return {
    url: running.url,
    config,
    wired,
    chargeCalls,
    db: peers.db,
    async stop() {
      await running.close(1000);
      await wired.close();
    },
  };
}

/** A recovery sweeper over the same table, as a restarted process would run it. */
export const recoveryOf = (service: OrdersService) => service.wired.start();

/** The sandbox provider's ledger entry for a charge key (the order id), if one was made. */
export async function sandboxCharge(service: OrdersService, orderId: string) {
  const { Item } = await service.db.send(
    new GetCommand({
      TableName: service.config.ORDERS_TABLE,
      Key: keys.sandboxCharge(orderId),
      ConsistentRead: true,
    }),
  );
  return Item;
}
