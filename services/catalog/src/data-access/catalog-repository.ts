import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableReadiness } from '@shopeasy/service-kit/aws';
import type { Category, ProductRecord } from '../domain/model.js';
import type {
  CheckpointStore,
  InventoryStore,
  LeaseStore,
  ReservationStore,
} from '../domain/inventory-ports.js';
import type { CatalogStore } from '../domain/ports.js';
import { categoryRepository } from './category-repository.js';
import { batchPut, type Table } from './dynamo.js';
import { categoryItem, categoryNameItem, tokenItems } from './items.js';
import { CATEGORIES_INDEX, PARTITIONS } from './keys.js';
import { findTokens, getProduct, getProducts, listProducts } from './product-reads.js';
import { applyCartChanges } from './inventory.js';
import { shardRepository } from './leases.js';
import { liveItem, productItem } from './product-items.js';
import { createProduct, deleteProduct, replaceProduct } from './product-writes.js';
import { addRating, setRatingSummary } from './ratings.js';
import { reservationRepository } from './reservations.js';
import { updateStock } from './stock.js';

/** A category as the bulk import writes it, with its name claim and sort key. */
export interface ImportedCategory {
  category: Category;
  nameKey: string;
  sortKey: string;
}

export interface CatalogRepository
  extends CatalogStore, ReservationStore, InventoryStore, CheckpointStore, LeaseStore {
  /** Resolves when the table answers (readiness). */
  ping(): Promise<void>;
  /** True when the catalog has no category (so no product either). */
  isEmpty(): Promise<boolean>;
  /**
   * Writes categories and products (product and LIVE items) with their name claims, index keys and tokens in batches,
   * unconditionally (seeding and imports). Returns the number of items written.
   */
  importCatalog(categories: ImportedCategory[], products: ProductRecord[]): Promise<number>;
}

export interface RepositoryOptions {
  /** Unused: cart changes carry no per-event marker any more (LIVE keeps a position per shard). */
  eventMarkerTtlSeconds?: number;
}

/** The catalog's DynamoDB data access: plain objects in, plain objects out. */
export function createCatalogRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
  _options: RepositoryOptions = {},
): CatalogRepository {
  const table: Table = { client, name: tableName };
  const readiness = tableReadiness(client, tableName, 'catalog-table');
  return {
    ...categoryRepository(table),
    ...reservationRepository(table),
    ...shardRepository(table),
    applyCartChanges: (shardId, productId, changes) => applyCartChanges(table, shardId, productId, changes),
    addRating: (reviewId, productId, rating, at) => addRating(table, reviewId, productId, rating, at),
    createProduct: (product) => createProduct(table, product),
    getProduct: (id) => getProduct(table, id),
    getProducts: (ids, options) => getProducts(table, ids, !options?.eventual),
    replaceProduct: (current, next) => replaceProduct(table, current, next),
    deleteProduct: (current, deletedAt) => deleteProduct(table, current, deletedAt),
    updateStock: (id, change, at) => updateStock(table, id, change, at),
    setRatingSummary: (id, rating) => setRatingSummary(table, id, rating),
    listProducts: (query) => listProducts(table, query),
    findTokens: (term, prefix) => findTokens(table, term, prefix),

    ping: () => readiness.check(),

    async isEmpty() {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: CATEGORIES_INDEX.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': CATEGORIES_INDEX.pk },
          ExpressionAttributeValues: { ':pk': PARTITIONS.allCategories },
          Limit: 1,
        }),
      );
      return (result.Items ?? []).length === 0;
    },

    async importCatalog(categories, products) {
      const items = [
        ...categories.flatMap(({ category, nameKey, sortKey }) => [
          categoryNameItem(nameKey, category.id),
          categoryItem(category, sortKey),
        ]),
        ...products.flatMap((product) => [productItem(product), liveItem(product), ...tokenItems(product)]),
      ];
      await batchPut(table, items);
      return items.length;
    },
  };
}
