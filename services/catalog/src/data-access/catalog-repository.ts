import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Category, ProductRecord } from '../domain/model.js';
import type { CatalogStore } from '../domain/ports.js';
import { categoryRepository } from './category-repository.js';
import { batchPut, type Table } from './dynamo.js';
import { categoryItem, categoryNameItem, productItem, tokenItems } from './items.js';
import { CATEGORIES_INDEX, KEYS, PARTITIONS } from './keys.js';
import { findTokens, getProduct, getProducts, listProducts } from './product-reads.js';
import { createProduct, deleteProduct, replaceProduct } from './product-writes.js';
import { setRatingSummary } from './ratings.js';
import { updateStock } from './stock.js';

/** A category as the bulk import writes it, with its name claim and sort key. */
export interface ImportedCategory {
  category: Category;
  nameKey: string;
  sortKey: string;
}

export interface CatalogRepository extends CatalogStore {
  /** Resolves when the table answers (readiness). */
  ping(): Promise<void>;
  /** True when the catalog has no category (so no product either). */
  isEmpty(): Promise<boolean>;
  /**
   * Writes categories and products with their name claims, index keys and tokens in batches,
   * unconditionally (seeding and imports). Returns the number of items written.
   */
  importCatalog(categories: ImportedCategory[], products: ProductRecord[]): Promise<number>;
}

/** The catalog's DynamoDB data access: plain objects in, plain objects out. */
export function createCatalogRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
): CatalogRepository {
  const table: Table = { client, name: tableName };
  return {
    ...categoryRepository(table),
    createProduct: (product) => createProduct(table, product),
    getProduct: (id) => getProduct(table, id),
    getProducts: (ids) => getProducts(table, ids),
    replaceProduct: (current, next) => replaceProduct(table, current, next),
    deleteProduct: (current, deletedAt) => deleteProduct(table, current, deletedAt),
    updateStock: (id, change, at) => updateStock(table, id, change, at),
    setRatingSummary: (id, rating) => setRatingSummary(table, id, rating),
    listProducts: (query) => listProducts(table, query),
    findTokens: (term, prefix) => findTokens(table, term, prefix),

    async ping() {
      await client.send(new GetCommand({ TableName: tableName, Key: KEYS.health() }));
    },

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
        ...products.flatMap((product) => [productItem(product), ...tokenItems(product)]),
      ];
      await batchPut(table, items);
      return items.length;
    },
  };
}
