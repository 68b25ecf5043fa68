import { changeCart } from './change-cart.js';
import {
  CartFullError,
  CurrencyMismatchError,
  OutOfStockError,
  ProductUnavailableError,
  QuantityLimitError,
} from './errors.js';
import { cartCurrency, findLine, type CartLine, type CartView } from './model.js';
import type { CartDeps } from './ports.js';
import { assertQuantity } from './quantity.js';

/**
 * Adds units of a product: a new line takes the catalog's current name and price as its
 * snapshot; a product already in the cart adds to its line, whose snapshot stays as it was.
 * The line may hold at most the per-line maximum and at most the units in stock.
 */
export async function addItem(
  deps: CartDeps,
  userId: string,
  input: { productId: string; quantity: number },
): Promise<CartView> {
  const { productId, quantity } = input;
  assertQuantity(quantity, 'body.quantity');
  const product = await deps.catalog.findProduct(productId);
  if (!product?.active) throw new ProductUnavailableError(productId, 'body.productId');
  const { maxQuantityPerLine, maxLines } = deps.limits;

  return changeCart(deps, userId, async (cart) => {
    const existing = findLine(cart, productId);
    const inCart = existing?.quantity ?? 0;
    if (!existing) {
      const currency = cartCurrency(cart);
      if (currency && currency !== product.price.currency) {
        throw new CurrencyMismatchError(product.price.currency, currency);
      }
      if (cart.lines.length >= maxLines) throw new CartFullError(maxLines);
    }
    const wanted = inCart + quantity;
    if (wanted > maxQuantityPerLine) throw new QuantityLimitError(maxQuantityPerLine, inCart);
    if (wanted > product.stock) throw new OutOfStockError(productId, product.stock, inCart);

    const line: CartLine = existing
      ? { ...existing, quantity: wanted }
      : {
          productId,
          name: product.name,
          quantity,
          unitPrice: { amount: product.price.amount, currency: product.price.currency },
          addedAt: deps.now().toISOString(),
        };
    const lines = existing
      ? cart.lines.map((l) => (l.productId === productId ? line : l))
      : [...cart.lines, line];
    return { lines, changes: [{ type: 'cart.item.added', productId, quantityDelta: quantity }] };
  });
}
