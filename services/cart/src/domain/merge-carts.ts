import { backOff } from './change-cart.js';
import { CartBusyError, GuestCartNotFoundError } from './errors.js';
import { guestCartId } from './guest-cart.js';
import {
  cartCurrency,
  cartExpiry,
  findLine,
  viewOf,
  type Cart,
  type CartLine,
  type CartView,
  type CatalogProduct,
  type InventoryChange,
} from './model.js';
import type { CartDeps } from './ports.js';

const MAX_ATTEMPTS = 10;

/**
 * Moves a guest cart into the customer's cart and ends it, in one write conditioned on both
 * versions: of two merges at once, one writes and the other reads the guest cart again, finds it
 * ended and answers 404, so the units are counted once.
 */
export async function mergeGuestCart(deps: CartDeps, userId: string, cartToken: string): Promise<CartView> {
  const guestId = guestCartId(cartToken);
  const asked = new Map<string, Promise<CatalogProduct | undefined>>();
  // Asked once per product, even when a concurrent write makes the merge run again.
  const lookup = (productId: string) => {
    const found = asked.get(productId) ?? deps.catalog.findProduct(productId);
    asked.set(productId, found);
    return found;
  };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const now = deps.now();
    const [guest, cart] = await Promise.all([deps.store.load(guestId, now), deps.store.load(userId, now)]);
    if (guest.version === 0 || guest.ended) throw new GuestCartNotFoundError();
    const products = new Map(
      await Promise.all(guest.lines.map(async (l) => [l.productId, await lookup(l.productId)] as const)),
    );
    const merged = mergeLines(cart, guest, products, deps.limits);
    const removed: InventoryChange[] = guest.lines.map((line) => ({
      type: 'cart.item.removed',
      productId: line.productId,
      quantityDelta: -line.quantity,
    }));
    const written = await deps.store.merge(
      {
        cart: { ...cart, lines: merged.lines },
        changes: merged.changes,
        expiresAt: cartExpiry(userId, now, deps.limits),
      },
      { cart: { ...guest, lines: [] }, changes: removed, expiresAt: cartExpiry(guestId, now, deps.limits) },
      now,
    );
    if (written) {
      const next: Cart = {
        ...cart,
        lines: merged.lines,
        version: cart.version + 1,
        updatedAt: now.toISOString(),
      };
      return viewOf(next, deps.limits, now);
    }
    await backOff(attempt);
  }
  deps.logger.warn({ userId }, 'guest cart merge kept losing to concurrent writes');
  throw new CartBusyError();
}

/**
 * The customer's lines with the guest's added: a product in both adds up, capped by the per-line
 * maximum and the stock (never below what the customer had) and keeps the customer's snapshot;
 * a product only the guest had keeps the guest's. Lines that cannot move are dropped: no longer
 * for sale, priced in another currency than the customer's cart, or no room for another line.
 */
export function mergeLines(
  cart: Cart,
  guest: Cart,
  products: ReadonlyMap<string, CatalogProduct | undefined>,
  limits: CartDeps['limits'],
): { lines: CartLine[]; changes: InventoryChange[] } {
  let lines = [...cart.lines];
  const changes: InventoryChange[] = [];
  for (const line of guest.lines) {
    const product = products.get(line.productId);
    if (!product?.active) continue;
    const cap = Math.min(limits.maxQuantityPerLine, product.stock);
    const existing = findLine({ ...cart, lines }, line.productId);
    if (existing) {
      const quantity = Math.max(existing.quantity, Math.min(existing.quantity + line.quantity, cap));
      if (quantity === existing.quantity) continue;
      lines = lines.map((l) => (l.productId === line.productId ? { ...existing, quantity } : l));
      changes.push({
        type: 'cart.item.added',
        productId: line.productId,
        quantityDelta: quantity - existing.quantity,
      });
      continue;
    }
    const currency = cartCurrency({ ...cart, lines });
    if ((currency && currency !== line.unitPrice.currency) || lines.length >= limits.maxLines) continue;
    const quantity = Math.min(line.quantity, cap);
    if (quantity < 1) continue;
    lines = [...lines, { ...line, quantity }];
    changes.push({ type: 'cart.item.added', productId: line.productId, quantityDelta: quantity });
  }
  return { lines, changes };
}
