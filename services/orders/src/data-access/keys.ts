import { GSI1, GSI2, GSI3, INDEXES, PK, SK } from '@shopeasy/resources';
import { writeShard } from '@shopeasy/service-kit/aws';
import type { OrderStatus } from '../domain/model.js';

/**
 * Partitions per hot key (all orders, orders of a status, open work). A checkout writes the
 * all-orders index about three times (created, priced, paid), a status partition twice and its
 * open-work marker about three times, so at 1,000 checkouts/s one unsharded partition takes
 * 3,000 writes/s: 3 × 1,000 / 16 ≈ 190 writes/s per shard (≈ 375 WCU at 2 KB a listed order),
 * under the 500/s planning target (half of a partition's 1,000 WCU/s).
 */
export const ORDER_SHARDS = 16;

/** The shard of an order: the same order always lands in the same one. */
export const orderShard = (orderId: string) => writeShard(orderId, ORDER_SHARDS);

/** Every shard number, for reads that merge all of them. */
export const ALL_SHARDS: readonly number[] = Array.from({ length: ORDER_SHARDS }, (_, n) => n);

/** Partitions of the open-work markers: orders with unfinished steps or effects. */
export const openWorkPartition = (shard: number) => `OPEN_WORK#${shard}`;

// Items of the orders table under the shared pk/sk keys (see README, "Data model").
export const keys = {
  order: (orderId: string) => ({ [PK]: `ORDER#${orderId}`, [SK]: 'ORDER' }),
  idempotency: (userId: string, key: string) => ({
    [PK]: `IDEMPOTENCY#${userId}#${key}`,
    [SK]: 'IDEMPOTENCY',
  }),
  openWork: (orderId: string) => ({ [PK]: openWorkPartition(orderShard(orderId)), [SK]: orderId }),
  purchase: (userId: string, productId: string, orderId: string) => ({
    [PK]: `USER#${userId}`,
    [SK]: `PURCHASE#${productId}#${orderId}`,
  }),
  // One partition per payment and per provider event: no hot key however many arrive.
  paymentLink: (reference: string) => ({ [PK]: `PAYMENT#${reference}`, [SK]: 'PAYMENT' }),
  providerEvent: (eventId: string) => ({ [PK]: `PROVIDER_EVENT#${eventId}`, [SK]: 'EVENT' }),
  sandboxCharge: (idempotencyKey: string) => ({ [PK]: `SANDBOX_CHARGE#${idempotencyKey}`, [SK]: 'CHARGE' }),
  sandboxRefund: (idempotencyKey: string) => ({ [PK]: `SANDBOX_REFUND#${idempotencyKey}`, [SK]: 'REFUND' }),
};

/**
 * The three order indexes and how an order fills their keys (all sort `<createdAt>#<orderId>`).
 * The admin indexes are sharded by `orderShard(orderId)`; a user's orders are one partition.
 */
export const ORDER_INDEXES = {
  byUser: {
    name: INDEXES.orders.byUser,
    pk: `${GSI1}pk`,
    sk: `${GSI1}sk`,
    value: (userId: string) => `USER#${userId}`,
  },
  byStatus: {
    name: INDEXES.orders.byStatus,
    pk: `${GSI2}pk`,
    sk: `${GSI2}sk`,
    value: (status: OrderStatus, shard: number) => `STATUS#${status}#${shard}`,
  },
  all: {
    name: INDEXES.orders.all,
    pk: `${GSI3}pk`,
    sk: `${GSI3}sk`,
    value: (shard: number) => `ORDERS#${shard}`,
  },
} as const;

export type OrderIndex = (typeof ORDER_INDEXES)[keyof typeof ORDER_INDEXES];

/** The sort key of an order in every index: newest first with ScanIndexForward false. */
export const orderPosition = (order: { createdAt: string; id: string }) => `${order.createdAt}#${order.id}`;
