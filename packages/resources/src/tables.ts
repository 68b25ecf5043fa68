import type { TableId } from './names.js';

/** DynamoDB attribute types used in keys: string or number. */
export type KeyType = 'S' | 'N';

export interface KeySpec {
  readonly name: string;
  readonly type: KeyType;
}

/**
 * What an index copies from each item besides the keys: everything, nothing, or the named
 * attributes. Every projected attribute is written to the index whenever it changes, so an index
 * projects no more than the pages that read it show.
 */
export type Projection = 'ALL' | 'KEYS_ONLY' | { readonly include: readonly string[] };

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: KeySpec;
  readonly sortKey: KeySpec;
  readonly projection: Projection;
  /** What the index is for and how items fill its keys. */
  readonly purpose: string;
}

export interface TableSpec {
  readonly id: TableId;
  readonly partitionKey: KeySpec;
  readonly sortKey: KeySpec;
  readonly indexes: readonly IndexSpec[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes expired items. */
  readonly ttlAttribute: string;
  readonly billingMode: 'PAY_PER_REQUEST';
  /**
   * The table's change stream (DynamoDB Streams), for a table whose items carry an outbox that a
   * function relays: `NEW_IMAGE`, each change's item as written.
   */
  readonly stream?: 'NEW_IMAGE';
}

/** Main key attribute names shared by every table. */
export const PK = 'pk';
export const SK = 'sk';
export const TTL_ATTRIBUTE = 'expiresAt';

/** Index names: generic and overloaded, the purpose of each is documented on the table. */
export const GSI1 = 'gsi1';
export const GSI2 = 'gsi2';
export const GSI3 = 'gsi3';
export const GSI4 = 'gsi4';
export const GSI5 = 'gsi5';
export const GSI6 = 'gsi6';
export const GSI7 = 'gsi7';
export const GSI8 = 'gsi8';

function gsi(n: number, purpose: string, projection: Projection = 'ALL'): IndexSpec {
  return {
    name: `gsi${n}`,
    partitionKey: { name: `gsi${n}pk`, type: 'S' },
    sortKey: { name: `gsi${n}sk`, type: 'S' },
    projection,
    purpose,
  };
}

/** An index projection in the shape of DynamoDB's API (CreateTable, CloudFormation). */
export function dynamoProjection(projection: Projection): {
  ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
} {
  if (typeof projection === 'string') return { ProjectionType: projection };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.include] };
}

/**
 * What a catalog listing page shows of a product item, without stock and units in carts (those
 * live in the product's LIVE item, which no index holds) and without search tokens.
 */
export const CATALOG_LISTING_ATTRIBUTES = [
  'id',
  'categoryId',
  'name',
  'description',
  'priceAmount',
  'priceCurrency',
  'active',
  'ratingAverage',
  'ratingCount',
  'createdAt',
  'updatedAt',
] as const;

/** What an order list shows of an order (contracts/orders.yaml `Order`). */
export const ORDER_LISTING_ATTRIBUTES = [
  'id',
  'userId',
  'status',
  'items',
  'total',
  'shippingAddress',
  'payment',
  'createdAt',
  'updatedAt',
] as const;

/** What the expiry sweep reads of an open reservation: its id and when its hold ends. */
export const CATALOG_OPEN_RESERVATION_ATTRIBUTES = ['reservationId', 'holdUntil'] as const;

const listing: Projection = { include: CATALOG_LISTING_ATTRIBUTES };
// gsi4 is overloaded: all products newest first, categories by name (id, name, description are
// listing attributes too) and open reservations.
const collections: Projection = {
  include: [...CATALOG_LISTING_ATTRIBUTES, ...CATALOG_OPEN_RESERVATION_ATTRIBUTES],
};

function table(id: TableId, indexes: IndexSpec[] = [], extra: Pick<TableSpec, 'stream'> = {}): TableSpec {
  return {
    ...extra,
    id,
    partitionKey: { name: PK, type: 'S' },
    sortKey: { name: SK, type: 'S' },
    indexes,
    ttlAttribute: TTL_ATTRIBUTE,
    billingMode: 'PAY_PER_REQUEST',
  };
}

/**
 * Every table, one per service, plus `emails` for the notifications function. `expiresAt` (TTL)
 * expires refresh tokens and login-throttle counters (users), processed-event markers (catalog,
 * feedback), abandoned carts (cart), idempotency records (orders) and sent-email records
 * (emails).
 */
export const TABLES: readonly TableSpec[] = [
  table('users', [
    gsi(
      1,
      'Overloaded lookups: refresh tokens by family (gsi1pk FAMILY#<familyId>), users by role (ROLE#<role>, gsi1sk createdAt)',
    ),
  ]),
  // Product items only (never their LIVE items) carry listing keys. gsi1 and gsi3 (numeric sort
  // keys without a tie-breaker) were dropped before the first deployment; the others keep their names.
  table('catalog', [
    gsi(
      2,
      'Products of a category newest first: gsi2pk CATEGORY#<categoryId>, gsi2sk <createdAt ISO>#<productId>, ScanIndexForward false',
      listing,
    ),
    gsi(
      4,
      'Collections: all products newest first (gsi4pk PRODUCTS, gsi4sk <createdAt ISO>#<productId>), all categories by name (gsi4pk CATEGORIES, gsi4sk <lower-cased name>#<categoryId>) and open reservations by hold end (gsi4pk RESERVATIONS#OPEN#<shard>, gsi4sk <holdUntil ISO>#<reservationId>)',
      collections,
    ),
    // String sort keys with the product id as tie-breaker, so equal prices or ratings keep one order.
    gsi(
      5,
      'Products of a category by price: gsi5pk CATEGORY#<categoryId>, gsi5sk <price minor units, zero-padded>#<productId>',
      listing,
    ),
    gsi(
      6,
      'Products of a category best rated first: gsi6pk CATEGORY#<categoryId>, gsi6sk <average x100, zero-padded>#<count, zero-padded>#<productId>, ScanIndexForward false',
      listing,
    ),
    gsi(7, 'All products by price: gsi7pk PRODUCTS, gsi7sk as gsi5sk', listing),
    gsi(8, 'All products best rated first: gsi8pk PRODUCTS, gsi8sk as gsi6sk', listing),
  ]),
  // The cart item is the outbox of its inventory events (`outbox`, the events of the write that
  // made it): the stream hands each version to functions/cart-events, which puts them on Kinesis.
  table('cart', [], { stream: 'NEW_IMAGE' }),
  // Order lists show the order without its bookkeeping (lease, effects, checkout flags), so an
  // update that changes only bookkeeping writes no index entry. Admin partitions are sharded.
  table('orders', [
    gsi(
      1,
      'Orders of a user newest first: gsi1pk USER#<userId>, gsi1sk <createdAt ISO>#<orderId>, ScanIndexForward false',
      { include: ORDER_LISTING_ATTRIBUTES },
    ),
    gsi(
      2,
      'Orders by status for admins: gsi2pk STATUS#<status>#<shard 0-15>, gsi2sk <createdAt ISO>#<orderId>, the shards merged per page',
      { include: ORDER_LISTING_ATTRIBUTES },
    ),
    gsi(
      3,
      'All orders newest first for admins: gsi3pk ORDERS#<shard 0-15>, gsi3sk <createdAt ISO>#<orderId>, the shards merged per page',
      { include: ORDER_LISTING_ATTRIBUTES },
    ),
  ]),
  table('feedback', [
    gsi(
      1,
      'Reviews of a product newest first: gsi1pk PRODUCT#<productId>, gsi1sk <createdAt ISO>#<reviewId>, ScanIndexForward false',
    ),
  ]),
  // Notifications function: one record per event and recipient, claimed before an email is sent
  // and marked sent after. Not `notifications`: that name is the queue's.
  table('emails'),
];

/** The spec of one table by id. */
export function tableSpec(id: TableId): TableSpec {
  const spec = TABLES.find((t) => t.id === id);
  if (!spec) throw new Error(`No table spec for ${id}`);
  return spec;
}

/** Index names by access pattern, so data-access code reads as the pattern it serves. */
export const INDEXES = {
  users: { lookups: GSI1 },
  catalog: {
    categoryNewest: GSI2,
    categoryByPrice: GSI5,
    categoryByRating: GSI6,
    allNewest: GSI4,
    allByPrice: GSI7,
    allByRating: GSI8,
    categoriesByName: GSI4,
  },
  orders: { byUser: GSI1, byStatus: GSI2, all: GSI3 },
  feedback: { byProduct: GSI1 },
} as const;
