/** An amount in integer minor units (cents) of an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** One product in a cart, with its price and name as they were when the line was created. */
export interface CartLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  addedAt: string;
}

/**
 * A shopper's cart as stored: `version` grows by one with every write (0: never written). The
 * owner is a user id, or `guest_<token hash>` for a guest cart; `ended` once merged or expired.
 */
export interface Cart {
  userId: string;
  lines: CartLine[];
  version: number;
  updatedAt?: string;
  ended?: boolean;
}

/** What the catalog says about a product a shopper may buy. */
export interface CatalogProduct {
  id: string;
  name: string;
  price: Money;
  stock: number;
  active: boolean;
}

/** A change in units held in one shopper's cart, for the inventory stream (written with the cart). */
export interface InventoryChange {
  type: 'cart.item.added' | 'cart.item.changed' | 'cart.item.removed';
  productId: string;
  quantityDelta: number;
}

export interface CartLimits {
  maxQuantityPerLine: number;
  maxLines: number;
  /** Days after its last change that an untouched cart expires. */
  ttlDays: number;
  /** The same for a guest cart (shorter: nobody can sign in to find it again). */
  guestTtlDays: number;
  /** The currency an empty cart's total is shown in. */
  currency: string;
}

/** The cart as the contract shows it: lines with their totals, and the cart's total. */
export interface CartView {
  items: { productId: string; name: string; quantity: number; unitPrice: Money; lineTotal: Money }[];
  total: Money;
  updatedAt: string;
}

/** All lines share one currency, so the cart's currency is its first line's. */
export function cartCurrency(cart: Cart): string | undefined {
  return cart.lines[0]?.unitPrice.currency;
}

export function findLine(cart: Cart, productId: string): CartLine | undefined {
  return cart.lines.find((line) => line.productId === productId);
}

/** Totals in integer minor units: lineTotal = unitPrice × quantity, total = the sum of line totals. */
export function viewOf(cart: Cart, limits: Pick<CartLimits, 'currency'>, now: Date): CartView {
  const currency = cartCurrency(cart) ?? limits.currency;
  const items = cart.lines.map((line) => ({
    productId: line.productId,
    name: line.name,
    quantity: line.quantity,
    unitPrice: { ...line.unitPrice },
    lineTotal: { amount: line.unitPrice.amount * line.quantity, currency: line.unitPrice.currency },
  }));
  const amount = items.reduce((sum, item) => sum + item.lineTotal.amount, 0);
  return { items, total: { amount, currency }, updatedAt: cart.updatedAt ?? now.toISOString() };
}

/** Epoch seconds at which a cart changed at `now` expires (DynamoDB TTL reads seconds). */
export function expiryOf(now: Date, ttlDays: number): number {
  return Math.floor(now.getTime() / 1000) + ttlDays * 24 * 60 * 60;
}

/** When the cart of `userId` expires if it changes at `now`: guest carts sooner. */
export function cartExpiry(
  userId: string,
  now: Date,
  limits: Pick<CartLimits, 'ttlDays' | 'guestTtlDays'>,
): number {
  return expiryOf(now, isGuestCart(userId) ? limits.guestTtlDays : limits.ttlDays);
}

/** User ids start with `usr_`; guest carts are keyed `guest_<SHA-256 of the token>`. */
export function isGuestCart(userId: string): boolean {
  return userId.startsWith('guest_');
}
