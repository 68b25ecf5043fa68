import { GSI1, GSI2, GSI3, INDEXES, PK, SK } from '@shopeasy/resources';
import type { OrderStatus } from '../domain/model.js';

// Items of the orders table under the shared pk/sk keys (see README, "Data model").
export const keys = {
  order: (orderId: string) => ({ [PK]: `ORDER#${orderId}`, [SK]: 'ORDER' }),
  idempotency: (userId: string, key: string) => ({
    [PK]: `IDEMPOTENCY#${userId}#${key}`,
    [SK]: 'IDEMPOTENCY',
  }),
  openWork: (orderId: string) => ({ [PK]: OPEN_WORK, [SK]: orderId }),
  purchase: (userId: string, productId: string, orderId: string) => ({
    [PK]: `USER#${userId}`,
    [SK]: `PURCHASE#${productId}#${orderId}`,
  }),
  sandboxCharge: (idempotencyKey: string) => ({ [PK]: `SANDBOX_CHARGE#${idempotencyKey}`, [SK]: 'CHARGE' }),
  sandboxRefund: (idempotencyKey: string) => ({ [PK]: `SANDBOX_REFUND#${idempotencyKey}`, [SK]: 'REFUND' }),
};

/** Partition of the open-work markers: orders with unfinished steps or effects. */
export const OPEN_WORK = 'OPEN_WORK';

/** The three order indexes and how an order fills their keys (all sort `<createdAt>#<orderId>`). */
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
    value: (status: OrderStatus) => `STATUS#${status}`,
  },
  all: { name: INDEXES.orders.all, pk: `${GSI3}pk`, sk: `${GSI3}sk`, value: () => 'ORDERS' },
} as const;

export type OrderIndex = (typeof ORDER_INDEXES)[keyof typeof ORDER_INDEXES];
