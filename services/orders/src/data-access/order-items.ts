import { ORDER_LISTING_ATTRIBUTES, PK, SK } from '@shopeasy/resources';
import type { ListedOrder, Order } from '../domain/model.js';
import { ORDER_INDEXES, keys, orderPosition, orderShard } from './keys.js';

type Item = Record<string, unknown>;

// The lease is kept as two top-level attributes so conditions can compare them directly.
export function toItem(order: Order): Item {
  const { lease, ...rest } = order;
  const position = orderPosition(order);
  const shard = orderShard(order.id);
  return {
    ...keys.order(order.id),
    ...rest,
    ...(lease ? { leaseOwner: lease.owner, leaseUntil: lease.until } : {}),
    [ORDER_INDEXES.byUser.pk]: ORDER_INDEXES.byUser.value(order.userId),
    [ORDER_INDEXES.byUser.sk]: position,
    [ORDER_INDEXES.byStatus.pk]: ORDER_INDEXES.byStatus.value(order.status, shard),
    [ORDER_INDEXES.byStatus.sk]: position,
    [ORDER_INDEXES.all.pk]: ORDER_INDEXES.all.value(shard),
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

type Projected = (typeof ORDER_LISTING_ATTRIBUTES)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compiles only while the listing indexes project exactly the fields a list shows.
const projectsListedOrder: Same<Projected, keyof ListedOrder> = true;

/** An order as a listing index holds it (only the projected attributes). */
export function fromListing(item: Item): ListedOrder {
  void projectsListedOrder;
  return Object.fromEntries(ORDER_LISTING_ATTRIBUTES.map((k) => [k, item[k]])) as unknown as ListedOrder;
}
