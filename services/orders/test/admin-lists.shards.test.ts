import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import { ORDER_SHARDS, orderShard } from '../src/data-access/keys.js';
import type { OrderStatus } from '../src/domain/model.js';
import { adminToken } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';
import { newestFirst, orderIdsInEveryShard, putOrders, seededOrder } from './support/seed-orders.js';

let peers: Peers;
let service: OrdersService;
let admin: string;

interface OrderPage {
  items: { id: string; status: string }[];
  nextCursor?: string;
}

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  admin = await adminToken(peers);
});

afterAll(async () => {
  await service?.stop();
  await peers?.stop();
});

const list = (query: Record<string, string>) =>
  callJson<OrderPage>(service.url, 'GET', `/v1/orders?${new URLSearchParams(query).toString()}`, {
    token: admin,
  });

/** Pages through an admin list until `count` orders came back or the list ends. */
async function pageThrough(query: Record<string, string>, limit: number, count: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const reply = await list({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(reply.status).toBe(200);
    pages.push(reply.body.items.map((o) => o.id));
    cursor = reply.body.nextCursor;
  } while (cursor && pages.flat().length < count);
  return pages;
}

// Seeded orders are dated in the future, so they are the newest of their list in the shared table.
const at = (year: number, second: number) => new Date(Date.UTC(year, 0, 1, 0, 0, second)).toISOString();

// Four orders share each instant: the order id alone decides their order.
const seed = (year: number, status: OrderStatus, perShard: number) =>
  orderIdsInEveryShard(perShard).map((id, i) => seededOrder(id, at(year, Math.floor(i / 4)), status));

describe('admin order lists over a sharded table', () => {
  it('When an admin pages through more orders than a page, from every shard and some created at the same instant, then each appears once, newest first', async () => {
    const orders = seed(2999, 'delivered', 3);
    await putOrders(service, orders);

    const pages = await pageThrough({}, 7, orders.length);

    expect(pages.flat().slice(0, orders.length)).toEqual(newestFirst(orders));
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
  });

  it('When an admin filters by status, then that status’s orders from every shard come back in order, and no others', async () => {
    const refunded = seed(2998, 'refunded', 2);
    const delivered = seed(2998, 'delivered', 1);
    await putOrders(service, [...refunded, ...delivered]);

    const pages = await pageThrough({ status: 'refunded' }, 5, refunded.length);

    expect(pages.flat().slice(0, refunded.length)).toEqual(newestFirst(refunded));
    expect(new Set(refunded.map((o) => orderShard(o.id))).size).toBe(ORDER_SHARDS);
    expect(pages.flat()).not.toContain(delivered[0]!.id);
  });

  it('When an admin lists orders, then each shows as in full, as reading the order shows it', async () => {
    const [order] = seed(2999, 'paid', 1).slice(-1);
    await putOrders(service, [order!]);

    const listed = await callJson<{ items: unknown[] }>(
      service.url,
      'GET',
      '/v1/orders?status=paid&limit=1',
      {
        token: admin,
      },
    );
    const read = await callJson(service.url, 'GET', `/v1/orders/${order!.id}`, { token: admin });

    expect(listed.body.items).toEqual([read.body]);
  });

  it('When an admin ships a paid order, then it leaves the paid list and leads the shipped list', async () => {
    const [order] = seed(2999, 'paid', 1)
      .slice(0, 1)
      .map((o) => ({ ...o, createdAt: at(2999, 3600) }));
    await putOrders(service, [order!]);

    const shipped = await callJson(service.url, 'POST', `/v1/orders/${order!.id}/ship`, { token: admin });

    expect(shipped.status).toBe(200);
    expect((await list({ status: 'shipped', limit: '1' })).body.items.map((o) => o.id)).toEqual([order!.id]);
    expect((await list({ status: 'paid', limit: '100' })).body.items.map((o) => o.id)).not.toContain(
      order!.id,
    );
  });

  it('When a cursor of one admin list is used on another, or forged, then the answer is 400 naming the cursor', async () => {
    await putOrders(service, seed(2997, 'cancelled', 1));
    const fromAll = (await list({ limit: '1' })).body.nextCursor!;
    const forged = Buffer.from(JSON.stringify({ gsi3sk: 42 })).toString('base64url');

    const replies = [await list({ status: 'cancelled', cursor: fromAll }), await list({ cursor: forged })];

    expect(replies.map((r) => r.status)).toEqual([400, 400]);
    expect(JSON.stringify(replies[0]!.body)).toContain('cursor');
  });
});
