/** The orders in which products can be listed (the contract's `sort` values). */
export const PRODUCT_SORTS = ['price_asc', 'price_desc', 'newest', 'rating'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface Money {
  /** Integer minor units, e.g. 8999 for 89.99 EUR. */
  amount: number;
  currency: string;
}

export interface RatingSummary {
  /** Mean of the accepted reviews, 0 when there are none. */
  average: number;
  count: number;
}

export interface Category {
  id: string;
  name: string;
  description?: string;
}

export interface Product {
  id: string;
  categoryId: string;
  name: string;
  description: string;
  price: Money;
  stock: number;
  /** Inactive products are hidden from shoppers but kept for admins to reactivate. */
  active: boolean;
  rating: RatingSummary;
  /** Units in shoppers' carts, counted by the inventory consumer from the stream. */
  availability?: Availability;
  createdAt: string;
  updatedAt: string;
}

export interface Availability {
  inCarts: number;
  /** When the count last changed. */
  updatedAt: string;
}

/** A product as stored: what the listings show plus what keeps the indexes consistent. */
export interface ProductRecord extends Product {
  /** Search tokens currently written for the product (none while it is inactive). */
  tokens: string[];
  /** Incremented on every change of indexed fields; writes are conditional on it. */
  version: number;
}

/** What a search token points at: enough to filter and sort without reading the product. */
export interface TokenHit {
  productId: string;
  categoryId: string;
  price: number;
  createdAt: string;
  rating: RatingSummary;
}

/** A change of the stock level: an absolute value (admin) or a relative one (reservations). */
export type StockChange = { set: number } | { add: number };

/** Where a listing reads from: one category, or every product. */
export interface ListingScope {
  categoryId?: string;
}

/** Inclusive price bounds in minor units. */
export interface PriceRange {
  min?: number;
  max?: number;
}

/** One line of a reservation: the product's name and price as they were when it was reserved. */
export interface ReservationLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
}

export type ReservationStatus = 'reserved' | 'confirmed' | 'released';

/** Stock held for an order (`reservationId` is the order id). */
export interface Reservation {
  reservationId: string;
  status: ReservationStatus;
  items: ReservationLine[];
  createdAt: string;
  /** While `reserved`: when the sweeper releases it unless it is confirmed first. */
  expiresAt?: string;
  confirmedAt?: string;
  releasedAt?: string;
}

/** A line as the caller asks for it. */
export interface RequestedLine {
  productId: string;
  quantity: number;
}
