import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import { ORDER_SHARDS, orderShard } from '../src/data-access/keys.js';
import { newEffects } from '../src/domain/model.js';
import {
  INTERNAL_KEY,
  recoveryOf,
  startOrders,
  startPeers,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';
import { orderIdsInEveryShard, putOrders, seededOrder } from './support/seed-orders.js';

let peers: Peers;
let service: OrdersService;
const settled: string[] = [];

beforeAll(async () => {
  peers = await startPeers();
  // Only work left for five minutes counts as stale: other files' live checkouts are left alone.
  service = await startOrders(peers, {
    env: { RECOVERY_STALE_SECONDS: '300', RECOVERY_INTERVAL_MS: '600000' },
    onCheckoutStep: (step, orderId) => void (step === 'settled' && settled.push(orderId)),
  });
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

const purchased = async (userId: string, productId: string) =>
  (
    await callJson<{ purchased: boolean }>(
      service.url,
      'GET',
      `/internal/v1/purchases?userId=${userId}&productId=${productId}`,
      { headers: { 'X-Internal-Key': INTERNAL_KEY } },
    )
  ).body.purchased;

describe('recovery over the sharded open-work list', () => {
  it('When paid orders in every shard were left with their effects undone, then one pass finishes them all, oldest first', async () => {
    const now = new Date().toISOString();
    const orders = orderIdsInEveryShard(1).map((id) =>
      seededOrder(id, now, 'paid', newEffects({ markPurchases: true })),
    );
    // Ages in an order unrelated to the shards: minutes ago, by a random key.
    const age = new Map(orders.map((o) => [o.id, randomUUID()]));
    const oldestFirst = [...orders].sort((a, b) => (age.get(a.id)! < age.get(b.id)! ? -1 : 1));
    const since = new Map(oldestFirst.map((o, i) => [o.id, Date.now() - 60 * 60_000 + i * 60_000]));
    await putOrders(service, orders, (o) => since.get(o.id)!);

    const sweeper = recoveryOf(service);
    await sweeper.runOnce();
    await sweeper.stop();
    const mine = settled.filter((id) => since.has(id));

    expect(new Set(orders.map((o) => orderShard(o.id))).size).toBe(ORDER_SHARDS);
    expect(mine).toEqual(oldestFirst.map((o) => o.id));
    for (const order of orders) expect(await purchased(order.userId, order.items[0]!.productId)).toBe(true);
  });

  it('When the work is done, then the next pass finds none of it open', async () => {
    const orders = orderIdsInEveryShard(1).map((id) =>
      seededOrder(id, new Date().toISOString(), 'paid', newEffects({ markPurchases: true })),
    );
    await putOrders(service, orders, () => Date.now() - 60 * 60_000);
    const sweeper = recoveryOf(service);
    await sweeper.runOnce();
    const before = settled.length;

    await sweeper.runOnce();
    await sweeper.stop();

    expect(settled.slice(before).filter((id) => orders.some((o) => o.id === id))).toEqual([]);
    expect(settled.filter((id) => orders.some((o) => o.id === id))).toHaveLength(ORDER_SHARDS);
  });
});
