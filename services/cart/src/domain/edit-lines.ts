import { changeCart } from './change-cart.js';
import { NotInCartError, OutOfStockError, ProductUnavailableError, QuantityLimitError } from './errors.js';
import { assertOpen } from './guest-cart.js';
import { findLine, viewOf, type CartLine, type CatalogProduct, type CartView } from './model.js';
import type { CartDeps } from './ports.js';
import { assertQuantity } from './quantity.js';

export async function getCart(deps: CartDeps, userId: string): Promise<CartView> {
  const now = deps.now();
  const cart = await deps.store.load(userId, now);
  assertOpen(cart);
  return viewOf(cart, deps.limits, now);
}

/**
 * Sets a line's quantity. Lowering it needs nothing from the catalog; raising it is checked like
 * an add (per-line maximum, still for sale, in stock). The price snapshot stays as it was.
 */
export async function setQuantity(
  deps: CartDeps,
  userId: string,
  productId: string,
  quantity: number,
): Promise<CartView> {
  assertQuantity(quantity, 'body.quantity');
  const { maxQuantityPerLine } = deps.limits;
  let product: Promise<CatalogProduct | undefined> | undefined;

  return changeCart(deps, userId, async (cart) => {
    const line = findLine(cart, productId);
    if (!line) throw new NotInCartError(productId);
    if (quantity === line.quantity) return undefined;
    if (quantity > line.quantity) {
      if (quantity > maxQuantityPerLine) throw new QuantityLimitError(maxQuantityPerLine, 0);
      // Asked once, even when a concurrent write makes the plan run again.
      const found = await (product ??= deps.catalog.findProduct(productId));
      if (!found?.active) throw new ProductUnavailableError(productId, 'path.productId');
      if (quantity > found.stock) throw new OutOfStockError(productId, found.stock, 0);
    }
    return {
      lines: replace(cart.lines, { ...line, quantity }),
      changes: [{ type: 'cart.item.changed', productId, quantityDelta: quantity - line.quantity }],
    };
  });
}

export async function removeItem(deps: CartDeps, userId: string, productId: string): Promise<CartView> {
  return changeCart(deps, userId, async (cart) => {
    const line = findLine(cart, productId);
    if (!line) throw new NotInCartError(productId);
    return {
      lines: cart.lines.filter((l) => l.productId !== productId),
      changes: [{ type: 'cart.item.removed', productId, quantityDelta: -line.quantity }],
    };
  });
}

/** Empties the cart: one removed event per line. An empty cart stays untouched (idempotent). */
export async function clearCart(deps: CartDeps, userId: string): Promise<void> {
  await changeCart(deps, userId, async (cart) => {
    if (cart.lines.length === 0) return undefined;
    return {
      lines: [],
      changes: cart.lines.map((line) => ({
        type: 'cart.item.removed' as const,
        productId: line.productId,
        quantityDelta: -line.quantity,
      })),
    };
  });
}

function replace(lines: CartLine[], line: CartLine): CartLine[] {
  return lines.map((l) => (l.productId === line.productId ? line : l));
}
