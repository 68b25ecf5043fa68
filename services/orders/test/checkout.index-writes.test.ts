import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapacity, resetCapacity, type DynamoDbCapacityRow } from '@shopeasy/local-aws';
import { orderShard } from '../src/data-access/keys.js';
import { checkout, fillCart, newCustomer, newKey } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

let peers: Peers;
let service: OrdersService;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

// Files run one at a time, so the emulator's meter holds this file's requests only.
const endpoint = () => process.env.AWS_ENDPOINT_URL!;

const writes = (rows: readonly DynamoDbCapacityRow[], index: string | null) =>
  rows.filter((r) => r.kind === 'write' && r.index === index);
const requests = (rows: readonly DynamoDbCapacityRow[]) => rows.reduce((sum, r) => sum + r.requests, 0);

describe('index writes of a checkout, as the capacity model sees them', () => {
  it('When a customer checks out, then each listing index is written only for what a list shows, in the order’s own shard', async () => {
    const customer = await newCustomer(peers);
    fillCart(peers, customer, [{ product: peers.catalog.addProduct({ stock: 5 }), quantity: 1 }]);
    await resetCapacity(endpoint());

    const reply = await checkout(service.url, customer, newKey());
    const orderId = (reply.body as { id: string }).id;
    const rows = (await readCapacity(endpoint())).dynamodb.filter(
      (r) => r.table === service.config.ORDERS_TABLE,
    );
    const shard = orderShard(orderId);

    expect(reply.status).toBe(201);
    // Lease, flags and effects changed the order item many times; the indexes saw only
    // created, priced and paid (gsi2 moves partition when paid: a delete and a put).
    expect(requests(writes(rows, null).filter((r) => r.partition === `ORDER#${orderId}`))).toBeGreaterThan(5);
    expect(new Set(writes(rows, 'gsi3').map((r) => r.partition))).toEqual(new Set([`ORDERS#${shard}`]));
    expect(requests(writes(rows, 'gsi3'))).toBe(3);
    expect(requests(writes(rows, 'gsi1'))).toBe(3);
    expect(new Set(writes(rows, 'gsi2').map((r) => r.partition))).toEqual(
      new Set([`STATUS#pending_payment#${shard}`, `STATUS#paid#${shard}`]),
    );
    expect(requests(writes(rows, 'gsi2'))).toBe(4);
    const openWork = writes(rows, null).filter((r) => r.partition.startsWith('OPEN_WORK'));
    expect(new Set(openWork.map((r) => r.partition))).toEqual(new Set([`OPEN_WORK#${shard}`]));
  });
});
