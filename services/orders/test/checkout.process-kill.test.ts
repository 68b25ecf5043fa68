import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@shopeasy/local-aws';
import { callJson, eventually } from '@shopeasy/service-kit/testing';
import { checkout, fillCart, newCustomer, newKey } from './support/customers.js';
import {
  sandboxCharge,
  startOrders,
  startPeers,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
let peers: Peers;
let reader: OrdersService;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  peers = await startPeers();
  // In-process instance used only to read the table (orders, sandbox ledger).
  reader = await startOrders(peers);
});

afterAll(async () => {
  // Whatever a failed test left running is stopped by PID.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await reader?.stop();
  await peers?.stop();
});

/** src/main.ts as its own process, as `npm start` runs it; resolves once it is ready. */
async function spawnOrders(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serviceDir,
    stdio: 'ignore',
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(reader.config).map(([k, v]) => [k, String(v)])),
      PORT: String(port),
      LOG_LEVEL: 'silent',
      SANDBOX_PAYMENT_DELAY_MS: '4000',
      CHECKOUT_LEASE_MS: '1500',
    },
  });
  children.add(child);
  await eventually(
    async () => {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (!ready.ok) throw new Error(`orders process not ready: /health/ready answers ${ready.status}`);
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  );
  return child;
}

describe('the orders process killed during payment', () => {
  it('When it is killed with SIGKILL while paying and restarted, then the retry with the same key gives one paid order and one charge', async () => {
    const product = peers.catalog.addProduct({ stock: 5 });
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product, quantity: 2 }]);
    const key = newKey();
    const port = await freePort();
    const first = await spawnOrders(port);
    const url = `http://127.0.0.1:${port}`;

    const inFlight = checkout(url, customer, key).catch((error: unknown) => error);
    // The order exists and its charge is recorded: the sandbox now waits before answering.
    const orderId = await eventually(
      async () => {
        const { body } = await callJson<{ items: { id: string }[] }>(reader.url, 'GET', '/v1/orders', {
          token: customer.token,
        });
        const id = body.items[0]?.id;
        if (!id || !(await sandboxCharge(reader, id))) throw new Error('no charged order yet');
        return id;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(await sandboxCharge(reader, orderId)).toBeDefined();
    first.kill('SIGKILL');
    await once(first, 'exit');
    expect(await inFlight).toBeInstanceOf(Error);

    const second = await spawnOrders(port);
    // Real processes, real time: the client retries while the dead process's lease still counts.
    const retry = await eventually(
      async () => {
        const reply = await checkout(url, customer, key);
        expect(reply.status).not.toBe(409);
        return reply;
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    second.kill('SIGTERM');
    await once(second, 'exit');

    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: orderId, status: 'paid' });
    const orders = (
      await callJson<{ items: { id: string }[] }>(reader.url, 'GET', '/v1/orders', { token: customer.token })
    ).body.items;
    expect(orders.map((o) => o.id)).toEqual([orderId]);
    expect(await sandboxCharge(reader, orderId)).toMatchObject({ status: 'succeeded', amount: 2 * 8999 });
    expect(peers.catalog.product(product.id).stock).toBe(3);
  }, 90_000);
});
