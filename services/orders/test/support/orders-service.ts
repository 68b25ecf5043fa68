import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { startServer } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { buildApp, loadOrdersConfig, startRecovery, type AppDeps, type OrdersConfig } from '../../src/app.js';
import { keys } from '../../src/data-access/keys.js';
import type { PaymentProvider } from '../../src/domain/payment-provider.js';
import { createSandboxProvider } from '../../src/payments/sandbox-provider.js';
import { startCartStub, type CartStub, type StubCartLine } from './cart-stub.js';
import { startCatalogStub, type CatalogStub, type StubProduct } from './catalog-stub.js';

const INTERNAL_KEY = 'orders-test-internal-key';

export interface Customer {
  userId: string;
  email: string;
  token: string;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

/** What a test shares between service instances: peers, tokens, the table. */
export interface Peers {
  issuer: TestIssuer;
  catalog: CatalogStub;
  cart: CartStub;
  stop(): Promise<void>;
}

export async function startPeers(): Promise<Peers> {
  const [issuer, catalog, cart] = await Promise.all([
    startTestIssuer(),
    startCatalogStub(INTERNAL_KEY),
    startCartStub(),
  ]);
  return {
    issuer,
    catalog,
    cart,
    stop: async () => void (await Promise.all([issuer.stop(), catalog.stop(), cart.stop()])),
  };
}

export interface OrdersService {
  url: string;
  config: OrdersConfig;
  deps: AppDeps;
  /** Calls of the payment provider's charge(), replays included. */
  chargeCalls: string[];
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
 * The orders service in-process on a free port, against the emulator and the given peers.
 * Instances given the same `clock` share its time (leases, expiries); the system clock otherwise.
 */
export async function startOrders(
  peers: Peers,
  options: { env?: Record<string, string>; checkpoint?: AppDeps['checkpoint']; clock?: TestClock } = {},
): Promise<OrdersService> {
  const config = loadOrdersConfig({
    ...process.env,
    PORT: '0',
    NODE_ENV: 'test',
    JWKS_URL: peers.issuer.jwksUrl,
    JWT_ISSUER: peers.issuer.issuer,
    JWT_AUDIENCE: peers.issuer.audience,
    INTERNAL_API_KEY: INTERNAL_KEY,
    CATALOG_URL: peers.catalog.url,
    CART_URL: peers.cart.url,
    ...options.env,
  });
  const aws = createAwsClients(config);
  const chargeCalls: string[] = [];
  const sandbox = createSandboxProvider(aws.dynamo, config.ORDERS_TABLE, {
    delayMs: config.SANDBOX_PAYMENT_DELAY_MS,
  });
  const payments: PaymentProvider = {
    ...sandbox,
    charge: (request) => {
      chargeCalls.push(request.idempotencyKey);
      return sandbox.charge(request);
    },
  };
  const deps: AppDeps = {
    config,
    logger: createLogger('orders', process.env.TEST_LOG_LEVEL ?? 'silent'),
    aws,
    payments,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    ...(options.clock ? { now: options.clock.now } : {}),
  };
  const running = await startServer(await buildApp(deps), 0);
  return { url: running.url, config, deps, chargeCalls, stop: () => running.close(1000) };
}

/** A recovery sweeper over the same table, as a restarted process would run it. */
export const recoveryOf = (service: OrdersService) => startRecovery(service.deps);

export async function newCustomer(peers: Peers): Promise<Customer> {
  const userId = newId('usr');
  const email = `customer-${randomUUID().slice(0, 8)}@shopeasy.example`;
  return { userId, email, token: await peers.issuer.token({ userId, email }) };
}

export const adminToken = (peers: Peers) =>
  peers.issuer.token({ userId: newId('usr'), role: 'admin', email: 'admin@shopeasy.example' });

/** Puts products in the customer's cart at a snapshot price (which checkout must not trust). */
export function fillCart(
  peers: Peers,
  customer: Customer,
  lines: { product: StubProduct; quantity: number; cartPrice?: number }[],
) {
  const cartLines: StubCartLine[] = lines.map(({ product, quantity, cartPrice }) => ({
    productId: product.id,
    name: product.name,
    quantity,
    unitPrice: { amount: cartPrice ?? product.price.amount, currency: product.price.currency },
  }));
  peers.cart.setCart(customer.userId, cartLines);
}

export const checkoutBody = (paymentMethodId = 'pm_card_visa') => ({
  paymentMethodId,
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Example Street',
    city: 'London',
    postalCode: 'N1 9GU',
    country: 'GB',
  },
});

/** One JSON call to the service, as any HTTP client would make it. */
export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export const checkout = (url: string, customer: Customer, key: string, body: unknown = checkoutBody()) =>
  call<Record<string, unknown> & { id: string; status: string }>(url, 'POST', '/v1/orders', {
    token: customer.token,
    body,
    headers: { 'Idempotency-Key': key },
  });

export const newKey = () => randomUUID();

/** The sandbox provider's ledger entry for a charge key (the order id), if one was made. */
export async function sandboxCharge(service: OrdersService, orderId: string) {
  const { Item } = await service.deps.aws.dynamo.send(
    new GetCommand({
      TableName: service.config.ORDERS_TABLE,
      Key: keys.sandboxCharge(orderId),
      ConsistentRead: true,
    }),
  );
  return Item;
}
