import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import type { StockChange } from '../domain/model.js';
import type { StockUpdate } from '../domain/ports.js';
import type { Table, TransactItem } from './dynamo.js';
import type { Item } from './items.js';
import { KEYS, PK } from './keys.js';
import { fromProductItems } from './product-items.js';

/**
 * The conditional update that applies a stock change to a product's LIVE item: `{ set }` writes
 * an absolute level (admin restock; retries are safe); `{ add }` changes it relatively, and a
 * decrease that would go below zero fails its condition, so concurrent reservations can never
 * oversell. A deleted product's LIVE item carries `deletedAt` (written with the tombstone), so a
 * deleted or unknown product fails the condition too, without reading the product item.
 *
 * Stock is not part of the product's version: it never conflicts with edits, and edits never
 * overwrite it; it writes no index (LIVE has no index keys).
 */
export function stockUpdate(tableName: string, id: string, change: StockChange, at: string) {
  const relative = 'add' in change;
  const amount = relative ? change.add : change.set;
  const decrease = relative && amount < 0;
  return {
    TableName: tableName,
    Key: KEYS.live(id),
    UpdateExpression: relative
      ? 'SET #stock = #stock + :amount, #at = :at'
      : 'SET #stock = :amount, #at = :at',
    ConditionExpression: [
      'attribute_exists(#pk)',
      'attribute_not_exists(#deletedAt)',
      ...(decrease ? ['#stock >= :needed'] : []),
    ].join(' AND '),
    ExpressionAttributeNames: {
      '#pk': PK,
      '#deletedAt': 'deletedAt',
      '#stock': 'stock',
      '#at': 'stockUpdatedAt',
    },
    ExpressionAttributeValues: { ':amount': amount, ':at': at, ...(decrease ? { ':needed': -amount } : {}) },
  };
}

/**
 * A reservation line's check of the product item, beside its LIVE update in one transaction:
 * the product is for sale, not deleted and still at the version whose name and price were read.
 */
export function productForSale(tableName: string, id: string, version: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: KEYS.product(id),
      ConditionExpression:
        'attribute_exists(#pk) AND attribute_not_exists(#deletedAt) AND #active = :active AND #version = :version',
      ExpressionAttributeNames: {
        '#pk': PK,
        '#deletedAt': 'deletedAt',
        '#active': 'active',
        '#version': 'version',
      },
      ExpressionAttributeValues: { ':active': true, ':version': version },
    },
  };
}

/**
 * Applies a stock change to one product (one UpdateItem of its LIVE item) and returns it with
 * its level before; undefined when it does not exist or is deleted, 'insufficient' when a
 * decrease would take the level below zero.
 */
export async function updateStock(
  table: Table,
  id: string,
  change: StockChange,
  at: string,
): Promise<StockUpdate | undefined | 'insufficient'> {
  const relative = 'add' in change;
  let live: Item;
  let previousStock: number;
  try {
    // A relative change tells the level before from the level after; an absolute one returns the
    // item as it was (the update changes only stock and stockUpdatedAt).
    const result = await table.client.send(
      new UpdateCommand({
        ...stockUpdate(table.name, id, change, at),
        ReturnValues: relative ? 'ALL_NEW' : 'ALL_OLD',
      }),
    );
    const attributes = (result.Attributes ?? {}) as Item;
    live = relative ? attributes : { ...attributes, stock: change.set, stockUpdatedAt: at };
    previousStock = relative ? (live.stock as number) - change.add : (attributes.stock as number);
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const { Item: item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: KEYS.live(id), ConsistentRead: true }),
    );
    return item && item.deletedAt === undefined ? 'insufficient' : undefined;
  }
  const { Item: item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: KEYS.product(id), ConsistentRead: true }),
  );
  const product = fromProductItems(item, live);
  return product && { product, previousStock };
}
