import type { ProductRecord } from '../domain/model.js';
import type { CreateProductResult, ReplaceProductResult } from '../domain/ports.js';
import { transactWrite as transact, updateExpression, type Table, type TransactItem } from './dynamo.js';
import { tokenItems } from './items.js';
import { KEYS, LISTING_ATTRIBUTES, PK } from './keys.js';
import { liveItem, productAttributes, productItem } from './product-items.js';

// Product writes: the product item, its listing index keys and its search tokens change in one
// transaction, so listings and search never disagree with the product. Its LIVE item (stock,
// units in carts) is written only on creation and deletion.

function categoryExists(table: Table, categoryId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: table.name,
      Key: KEYS.category(categoryId),
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
}

/** Rewrites a product's item (stock is in LIVE, never here) if its version is still `current`. */
function productUpdate(
  table: Table,
  current: ProductRecord,
  next: ProductRecord,
  extra: Record<string, unknown> = {},
): TransactItem {
  const removed = next.active ? [] : LISTING_ATTRIBUTES;
  const update = updateExpression({ ...productAttributes(next), ...extra }, removed);
  return {
    Update: {
      TableName: table.name,
      Key: KEYS.product(current.id),
      ...update,
      ConditionExpression: '#version = :expectedVersion AND attribute_not_exists(#deletedAt)',
      ExpressionAttributeNames: {
        ...update.ExpressionAttributeNames,
        '#version': 'version',
        '#deletedAt': 'deletedAt',
      },
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':expectedVersion': current.version },
    },
  };
}

/** Puts the tokens of `next` and deletes those of `current` that it no longer has. */
function tokenWrites(table: Table, current: ProductRecord | undefined, next: ProductRecord): TransactItem[] {
  const kept = new Set(next.tokens);
  const deletes = (current?.tokens ?? [])
    .filter((word) => !kept.has(word))
    .map((word): TransactItem => ({ Delete: { TableName: table.name, Key: KEYS.token(word, current!.id) } }));
  // Tokens carry price, category and rating, so every one is rewritten, not only new words.
  const puts = tokenItems(next).map((item): TransactItem => ({ Put: { TableName: table.name, Item: item } }));
  return [...deletes, ...puts];
}

export async function createProduct(table: Table, product: ProductRecord): Promise<CreateProductResult> {
  const putNew = (item: Record<string, unknown>): TransactItem => ({
    Put: {
      TableName: table.name,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  });
  const codes = await transact(table, [
    categoryExists(table, product.categoryId),
    putNew(productItem(product)),
    putNew(liveItem(product)),
    ...tokenWrites(table, undefined, product),
  ]);
  if (!codes) return 'created';
  if (codes[0] === 'ConditionalCheckFailed') return 'unknown-category';
  throw new Error(`Creating product ${product.id} failed: ${codes.join(', ')}`);
}

export async function replaceProduct(
  table: Table,
  current: ProductRecord,
  next: ProductRecord,
): Promise<ReplaceProductResult> {
  const checkCategory = next.categoryId !== current.categoryId;
  const codes = await transact(table, [
    productUpdate(table, current, next),
    ...(checkCategory ? [categoryExists(table, next.categoryId)] : []),
    ...tokenWrites(table, current, next),
  ]);
  if (!codes) return 'replaced';
  if (checkCategory && codes[1] === 'ConditionalCheckFailed') return 'unknown-category';
  return 'conflict';
}

/**
 * Soft delete: the item stays as a tombstone with `deletedAt`; listings and tokens go. LIVE is
 * marked too, so stock and cart updates (conditional on LIVE alone) refuse a deleted product.
 */
export async function deleteProduct(
  table: Table,
  current: ProductRecord,
  deletedAt: string,
): Promise<'deleted' | 'conflict'> {
  const next: ProductRecord = {
    ...current,
    active: false,
    tokens: [],
    updatedAt: deletedAt,
    version: current.version + 1,
  };
  const codes = await transact(table, [
    productUpdate(table, current, next, { deletedAt }),
    {
      Update: {
        TableName: table.name,
        Key: KEYS.live(current.id),
        UpdateExpression: 'SET #deletedAt = :at',
        ExpressionAttributeNames: { '#deletedAt': 'deletedAt' },
        ExpressionAttributeValues: { ':at': deletedAt },
      },
    },
    ...tokenWrites(table, current, next),
  ]);
  return codes ? 'conflict' : 'deleted';
}
