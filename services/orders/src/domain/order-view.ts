import type { components } from '@shopeasy/api-client/types/orders';
import type { ListedOrder } from './model.js';

export type OrderView = components['schemas']['Order'];

/** The order as contracts/orders.yaml shows it; internal bookkeeping stays inside. */
export function toOrderView(order: ListedOrder): OrderView {
  const { provider, status, reference } = order.payment;
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items,
    total: order.total,
    shippingAddress: order.shippingAddress,
    payment: { provider, status, ...(reference ? { reference } : {}) },
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
