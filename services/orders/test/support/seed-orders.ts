import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@shopeasy/service-kit/ids';
import { ORDER_SHARDS, orderShard } from '../../src/data-access/keys.js';
import { toItem } from '../../src/data-access/order-items.js';
import { createOrderRepository } from '../../src/data-access/order-repository.js';
import type { Order, OrderStatus, PendingEffects } from '../../src/domain/model.js';
import type { OrdersService } from './orders-service.js';

/** `perShard` new order ids for every shard of the orders table, shuffled by the hash. */
export function orderIdsInEveryShard(perShard: number): string[] {
  const byShard = Array.from({ length: ORDER_SHARDS }, () => [] as string[]);
  while (byShard.some((ids) => ids.length < perShard)) {
    const id = newId('ord');
    const shard = byShard[orderShard(id)]!;
    if (shard.length < perShard) shard.push(id);
  }
  return byShard.flat().sort();
}

/** A finished checkout's order, as the table would hold it. */
export function seededOrder(
  id: string,
  createdAt: string,
  status: OrderStatus,
  effects?: PendingEffects,
): Order {
  const price = { amount: 1250, currency: 'EUR' };
  return {
    id,
    userId: newId('usr'),
    status,
    items: [{ productId: newId('prd'), name: 'Seeded mug', quantity: 1, unitPrice: price, lineTotal: price }],
    total: price,
    shippingAddress: {
      name: 'Ada Admin',
      line1: '1 Test Street',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
    },
    paymentMethodId: 'pm_card_visa',
    payment: { provider: 'sandbox', status: 'captured', reference: `ch_${id}` },
    idempotencyKey: newId('key'),
    checkoutOpen: false,
    reserved: true,
    chargeAttempted: true,
    cartCleared: true,
    ...(effects ? { effects } : {}),
    createdAt,
    updatedAt: createdAt,
  };
}

/** Writes the orders; with `openSince`, each also gets the open-work marker recovery looks for. */
export async function putOrders(
  service: OrdersService,
  orders: Order[],
  openSince?: (order: Order) => number,
) {
  const table = service.config.ORDERS_TABLE;
  const repository = createOrderRepository(service.db, table);
  for (const order of orders) {
    await service.db.send(new PutCommand({ TableName: table, Item: toItem(order) }));
    if (openSince) await repository.openWork(order.id, openSince(order));
  }
}

/** Newest first, as the lists sort: by createdAt, then by order id. */
export const newestFirst = (orders: Order[]) =>
  [...orders].sort((a, b) => (`${b.createdAt}#${b.id}` < `${a.createdAt}#${a.id}` ? -1 : 1)).map((o) => o.id);
