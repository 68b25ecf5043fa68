import type { TableId } from './names.js';

/** DynamoDB attribute types used in keys: string or number. */
export type KeyType = 'S' | 'N';

export interface KeySpec {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: KeySpec;
  readonly sortKey: KeySpec;
  /** Every index projects all attributes, so a query never needs a second read. */
  readonly projection: 'ALL';
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

function gsi(n: number, purpose: string, sortType: KeyType = 'S'): IndexSpec {
  return {
    name: `gsi${n}`,
    partitionKey: { name: `gsi${n}pk`, type: 'S' },
    sortKey: { name: `gsi${n}sk`, type: sortType },
    projection: 'ALL',
    purpose,
  };
}

function table(id: TableId, indexes: IndexSpec[] = []): TableSpec {
  return {
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
  table('catalog', [
    // gsi1 and gsi3 have numeric sort keys, which cannot carry the product-id tie-breaker that
    // keeps pages stable; the catalog service does not write them (an index's key type cannot
    // change in place, so they stay until they are dropped before the first deployment).
    gsi(1, 'Unused by the catalog service (numeric sort key without a tie-breaker); superseded by gsi5', 'N'),
    gsi(
      2,
      'Products of a category newest first: gsi2pk CATEGORY#<categoryId>, gsi2sk <createdAt ISO>#<productId>, ScanIndexForward false',
    ),
    gsi(3, 'Unused by the catalog service (numeric sort key without a tie-breaker); superseded by gsi6', 'N'),
    gsi(
      4,
      'Collections: all products newest first (gsi4pk PRODUCTS, gsi4sk <createdAt ISO>#<productId>) and all categories by name (gsi4pk CATEGORIES, gsi4sk <lower-cased name>#<categoryId>)',
    ),
    // String sort keys with the product id as tie-breaker, so equal prices or ratings keep one order.
    gsi(
      5,
      'Products of a category by price: gsi5pk CATEGORY#<categoryId>, gsi5sk <price minor units, zero-padded>#<productId>',
    ),
    gsi(
      6,
      'Products of a category best rated first: gsi6pk CATEGORY#<categoryId>, gsi6sk <average x100, zero-padded>#<count, zero-padded>#<productId>, ScanIndexForward false',
    ),
    gsi(7, 'All products by price: gsi7pk PRODUCTS, gsi7sk as gsi5sk'),
    gsi(8, 'All products best rated first: gsi8pk PRODUCTS, gsi8sk as gsi6sk'),
  ]),
  table('cart'),
  table('orders', [
    gsi(
      1,
      'Orders of a user newest first: gsi1pk USER#<userId>, gsi1sk <createdAt ISO>#<orderId>, ScanIndexForward false',
    ),
    gsi(2, 'Orders by status for admins: gsi2pk STATUS#<status>, gsi2sk <createdAt ISO>#<orderId>'),
    gsi(3, 'All orders newest first for admins: gsi3pk ORDERS, gsi3sk <createdAt ISO>#<orderId>'),
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
