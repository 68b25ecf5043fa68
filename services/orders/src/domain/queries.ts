import type { Caller, ListedOrder, OrderStatus, Page } from './model.js';
import type { DomainDeps } from './ports.js';

export interface ListQuery {
  status?: OrderStatus;
  limit: number;
  cursor?: Record<string, unknown>;
}

/** Newest first: a customer's own orders, or every order for an admin. */
export async function listOrders(
  deps: DomainDeps,
  caller: Caller,
  query: ListQuery,
): Promise<Page<ListedOrder>> {
  return caller.role === 'admin'
    ? deps.orders.listAll(query.limit, query.cursor, query.status)
    : deps.orders.listByUser(caller.userId, query.limit, query.cursor, query.status);
}

/** Whether the customer paid for an order with the product (markers exist only while it counts). */
export async function checkPurchase(deps: DomainDeps, userId: string, productId: string) {
  const orderId = await deps.purchases.find(userId, productId);
  return { userId, productId, purchased: orderId !== undefined, ...(orderId ? { orderId } : {}) };
}
