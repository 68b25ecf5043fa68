import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { Cart, CartLimits, CatalogProduct, InventoryChange } from './model.js';

/**
 * One cart per shopper, written only when its version is still the one that was read, together
 * with the inventory events of the change (its outbox), so that neither is kept without the other.
 */
export interface CartStore {
  /** The shopper's cart; an empty one (version 0) when none was ever written. Expired carts read as empty. */
  load(userId: string, now: Date): Promise<Cart>;
  /**
   * Writes the cart as version `cart.version + 1`, with the events of `changes` in the same write,
   * on condition that the stored version is still `cart.version`; false when another request
   * wrote it first. The events reach the inventory stream after the write, from the table's stream.
   */
  save(cart: Cart, changes: readonly InventoryChange[], changedAt: Date, expiresAt: number): Promise<boolean>;
  /**
   * One atomic write of both carts, each on condition that its version is still the one read: the
   * customer's with its new lines and events, the guest's ended (no lines, its removal events,
   * marked merged into the customer). False when either was written by someone else first.
   */
  merge(into: CartWrite, guest: CartWrite, mergedAt: Date): Promise<boolean>;
}

/** A cart as read, its new lines, the events of the change and its new expiry. */
export interface CartWrite {
  cart: Cart;
  changes: readonly InventoryChange[];
  expiresAt: number;
}

/** The catalog's view of a product; undefined when shoppers cannot buy it (unknown or inactive). */
export interface CatalogPort {
  findProduct(productId: string): Promise<CatalogProduct | undefined>;
}

export interface CartDeps {
  store: CartStore;
  catalog: CatalogPort;
  limits: CartLimits;
  logger: Logger;
  now: () => Date;
}
