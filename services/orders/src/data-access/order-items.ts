import { PK, SK } from '@shopeasy/resources';
import type { Order } from '../domain/model.js';
import { ORDER_INDEXES, keys } from './keys.js';

type Item = Record<string, unknown>;

// The lease is kept as two top-level attributes so conditions can compare them directly.
export function toItem(order: Order): Item {
  const { lease, ...rest } = order;
  const position = `${order.createdAt}#${order.id}`;
  return {
    ...keys.order(order.id),
    ...rest,
    ...(lease ? { leaseOwner: lease.owner, leaseUntil: lease.until } : {}),
    [ORDER_INDEXES.byUser.pk]: ORDER_INDEXES.byUser.value(order.userId),
    [ORDER_INDEXES.byUser.sk]: position,
    [ORDER_INDEXES.byStatus.pk]: ORDER_INDEXES.byStatus.value(order.status),
    [ORDER_INDEXES.byStatus.sk]: position,
    [ORDER_INDEXES.all.pk]: ORDER_INDEXES.all.value(),
    [ORDER_INDEXES.all.sk]: position,
  };
}

const BOOKKEEPING = new Set([
  PK,
  SK,
  'leaseOwner',
  'leaseUntil',
  ...Object.values(ORDER_INDEXES).flatMap((index) => [index.pk, index.sk]),
]);

export function fromItem(item: Item): Order {
  const order = Object.fromEntries(
    Object.entries(item).filter(([k]) => !BOOKKEEPING.has(k)),
  ) as unknown as Order;
  const { leaseOwner, leaseUntil } = item as { leaseOwner?: string; leaseUntil?: number };
  return leaseOwner && leaseUntil !== undefined
    ? { ...order, lease: { owner: leaseOwner, until: leaseUntil } }
    : order;
}
