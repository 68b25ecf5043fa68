import type { Order, StoredResponse } from '../model.js';
import type { DomainDeps } from '../ports.js';

/** Empties the caller's cart once after a paid checkout; best effort. */
export async function clearCart(deps: DomainDeps, order: Order, token: string): Promise<void> {
  if (order.cartCleared) return;
  try {
    await deps.cart.clearCart(token);
    await deps.orders.update(order.id, { set: { cartCleared: true }, expect: {} });
  } catch (error) {
    // Best effort: the order is paid either way; the cart expires on its own.
    deps.logger.warn({ err: error, orderId: order.id }, 'could not clear the cart after checkout');
  }
}

/**
 * A checkout finished by recovery, or paid after the customer's action (3-D Secure), could not
 * clear the cart (no token): the first replay that answers it paid does.
 */
export async function clearCartOnReplay(
  deps: DomainDeps,
  orderId: string,
  answer: StoredResponse,
  token: string | undefined,
): Promise<void> {
  if (!token || answer.status !== 201) return;
  const order = await deps.orders.get(orderId);
  if (order?.status === 'paid') await clearCart(deps, order, token);
}
