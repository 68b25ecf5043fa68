import type { components } from '@shopeasy/api-client/types/orders';
import type { ListedOrder } from './model.js';

export type OrderView = components['schemas']['Order'];

/**
 * The order as contracts/orders.yaml shows it; internal bookkeeping stays inside. While the
 * payment waits for the customer's action, its client secret is shown to that customer only
 * (`viewerId`), never to an admin.
 */
export function toOrderView(order: ListedOrder, viewerId?: string): OrderView {
  const { provider, status, reference, clientSecret, actionExpiresAt } = order.payment;
  const action =
    status === 'requires_action'
      ? {
          ...(clientSecret && viewerId === order.userId ? { clientSecret } : {}),
          ...(actionExpiresAt ? { actionExpiresAt } : {}),
        }
      : {};
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items,
    total: order.total,
    shippingAddress: order.shippingAddress,
    payment: { provider, status, ...(reference ? { reference } : {}), ...action },
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
