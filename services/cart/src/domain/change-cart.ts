import { faultPause } from '@shopeasy/service-kit/config';
import { CartBusyError } from './errors.js';
import { assertOpen } from './guest-cart.js';
import {
  cartExpiry,
  viewOf,
  type Cart,
  type CartLine,
  type CartView,
  type InventoryChange,
} from './model.js';
import type { CartDeps } from './ports.js';

/** What a use case wants written: the new lines and the changes in held units they make. */
export interface CartEdit {
  lines: CartLine[];
  changes: InventoryChange[];
}

/**
 * Decides the edit from the cart as it is now; throws to refuse, returns undefined when there is
 * nothing to change. It may run more than once (after a concurrent write) and must not write.
 */
export type Plan = (cart: Cart) => Promise<CartEdit | undefined>;

// Enough for a burst of parallel requests on one cart: every round, at least one of them wins.
const MAX_ATTEMPTS = 25;

/**
 * Optimistic concurrency: read the cart, plan the edit, write it (with its inventory events, see
 * CartStore.save) on condition that nobody wrote in between, and plan again from the fresh cart
 * when somebody did.
 */
export async function changeCart(deps: CartDeps, userId: string, plan: Plan): Promise<CartView> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const now = deps.now();
    const cart = await deps.store.load(userId, now);
    assertOpen(cart);
    const edit = await plan(cart);
    if (!edit) return viewOf(cart, deps.limits, now);
    const next: Cart = { ...cart, lines: edit.lines };
    if (await deps.store.save(next, edit.changes, now, cartExpiry(userId, now, deps.limits))) {
      await faultPause('cart-saved');
      return viewOf({ ...next, version: cart.version + 1, updatedAt: now.toISOString() }, deps.limits, now);
    }
    await backOff(attempt);
  }
  deps.logger.warn({ userId }, 'cart write kept losing to concurrent writes');
  throw new CartBusyError();
}

export function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 5 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
