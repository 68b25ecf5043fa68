import { INDEXES, PK, SK, tableSpec } from '@shopeasy/resources';
import { writeShard } from '@shopeasy/service-kit/aws';
import type { SortSpec } from '../domain/sort-keys.js';

/** An index by name with the attribute names of its keys, as the table spec declares them. */
export interface IndexKeys {
  index: string;
  pk: string;
  sk: string;
}

function indexKeys(name: string): IndexKeys {
  const spec = tableSpec('catalog').indexes.find((index) => index.name === name);
  if (!spec) throw new Error(`The catalog table has no index ${name}`);
  return { index: name, pk: spec.partitionKey.name, sk: spec.sortKey.name };
}

/**
 * Listing indexes by scope and sort key. Each product item sits in all six while it is active
 * (sparse indexes: inactive and deleted products carry none of these attributes).
 *
 * Hot partitions: the "all products" listings put every product in one partition (`PRODUCTS`)
 * of three indexes (gsi4, gsi7, gsi8). Stock and units in carts live in the LIVE item, which no
 * index holds, so only product writes reach it: admin creates, edits and deletes (a few per
 * second at most) and rating changes (one per accepted review; tens per second is our estimate
 * of the peak), each one write per index, two where its sort key moves. One index partition
 * absorbs about 1,000 writes/s, so it stays unsharded;
 * if a new churning attribute is ever projected, shard it (`PRODUCTS#<hash(id) % n>`) and merge
 * the n ordered streams per page.
 */
export const LISTINGS: Readonly<Record<'category' | 'all', Readonly<Record<SortSpec['key'], IndexKeys>>>> = {
  category: {
    newest: indexKeys(INDEXES.catalog.categoryNewest),
    price: indexKeys(INDEXES.catalog.categoryByPrice),
    rating: indexKeys(INDEXES.catalog.categoryByRating),
  },
  all: {
    newest: indexKeys(INDEXES.catalog.allNewest),
    price: indexKeys(INDEXES.catalog.allByPrice),
    rating: indexKeys(INDEXES.catalog.allByRating),
  },
};

/** Every attribute that puts a product into a listing (removed on deactivation and deletion). */
export const LISTING_ATTRIBUTES: readonly string[] = Object.values(LISTINGS).flatMap((byKey) =>
  Object.values(byKey).flatMap((keys) => [keys.pk, keys.sk]),
);

export const CATEGORIES_INDEX = indexKeys(INDEXES.catalog.categoriesByName);

/**
 * Reservations still `reserved`, by when their hold expires (gsi4sk `<holdUntil ISO>#<id>`),
 * in the overloaded collections index; confirm and release remove them (sparse).
 */
export const OPEN_RESERVATIONS_INDEX = CATEGORIES_INDEX;

/**
 * Open reservations are spread over this many gsi4 partitions. Sized for 1,000 checkouts/s: each
 * writes the index twice (reserve adds the entry, confirm or release removes it), 2,000 writes/s
 * in all, so 125/s per shard, an eighth of a partition's 1,000 writes/s.
 */
export const OPEN_RESERVATION_SHARDS = 16;

/** The shard of a reservation: the same id always lands in the same one. */
export const openReservationShard = (reservationId: string) =>
  writeShard(reservationId, OPEN_RESERVATION_SHARDS);

/** Index partitions. */
export const PARTITIONS = {
  category: (categoryId: string) => `CATEGORY#${categoryId}`,
  allProducts: 'PRODUCTS',
  allCategories: 'CATEGORIES',
  openReservations: (shard: number) => `RESERVATIONS#OPEN#${shard}`,
} as const;

type Key = Record<string, string>;

/** Main-table keys of every item type. */
export const KEYS = {
  product: (id: string): Key => ({ [PK]: `PRODUCT#${id}`, [SK]: 'PRODUCT' }),
  /**
   * The product's fast-changing counters (stock, inCarts), beside the product in its partition;
   * it carries no index keys, so a cart change or a reservation writes no index.
   */
  live: (id: string): Key => ({ [PK]: `PRODUCT#${id}`, [SK]: 'LIVE' }),
  category: (id: string): Key => ({ [PK]: `CATEGORY#${id}`, [SK]: 'CATEGORY' }),
  /** Claims a category name: written with the category, conditional on not existing. */
  categoryName: (nameKey: string): Key => ({ [PK]: `CATEGORY_NAME#${nameKey}`, [SK]: 'CATEGORY_NAME' }),
  /**
   * Search tokens, grouped by their first two letters so that a prefix of the last query word
   * is one begins_with query on the sort key (`shoe#prd_…` answers both "shoe" and "sho").
   */
  token: (word: string, productId: string): Key => ({
    [PK]: tokenPartition(word),
    [SK]: `${word}#${productId}`,
  }),
  /** Stock held for an order (reservation id = order id). */
  reservation: (id: string): Key => ({ [PK]: `RESERVATION#${id}`, [SK]: 'RESERVATION' }),
  /** Marks an inventory event as applied (expires after the stream's retention). */
  inventoryEvent: (eventId: string): Key => ({ [PK]: `INVEVENT#${eventId}`, [SK]: 'INVEVENT' }),
  /** Marks a review as counted in its product's rating summary (kept: a review counts once, ever). */
  rating: (reviewId: string): Key => ({ [PK]: `RATING#${reviewId}`, [SK]: 'RATING' }),
  /** How far the inventory consumer has got in one shard of a stream. */
  checkpoint: (stream: string, shardId: string): Key => ({
    [PK]: `CHECKPOINT#${stream}#${shardId}`,
    [SK]: 'CHECKPOINT',
  }),
} as const;

export function tokenPartition(wordOrPrefix: string): string {
  return `TOKEN#${wordOrPrefix.slice(0, 2)}`;
}

export { PK, SK };
