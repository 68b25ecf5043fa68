import type { Logger } from '@shopeasy/service-kit/telemetry';
import type { Cart, CartLimits, CatalogProduct, InventoryChange } from './model.js';

/** One cart per shopper, written only when its version is still the one that was read. */
export interface CartStore {
  /** The shopper's cart; an empty one (version 0) when none was ever written. Expired carts read as empty. */
  load(userId: string, now: Date): Promise<Cart>;
  /**
   * Writes the cart as version `cart.version + 1`, on condition that the stored version is still
   * `cart.version`; false when another request wrote it first.
   */
  save(cart: Cart, changedAt: Date, expiresAt: number): Promise<boolean>;
}

/** The catalog's view of a product; undefined when shoppers cannot buy it (unknown or inactive). */
export interface CatalogPort {
  findProduct(productId: string): Promise<CatalogProduct | undefined>;
}

/** Where changes in units held in carts go once the cart is written. Never throws. */
export interface InventoryEvents {
  publish(userId: string, changes: InventoryChange[]): Promise<void>;
}

export interface CartDeps {
  store: CartStore;
  catalog: CatalogPort;
  events: InventoryEvents;
  limits: CartLimits;
  logger: Logger;
  now: () => Date;
}
