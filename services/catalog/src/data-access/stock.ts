import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '@shopeasy/service-kit/aws';
import type { StockChange } from '../domain/model.js';
import type { StockUpdate } from '../domain/ports.js';
import type { Table } from './dynamo.js';
import { fromProductItem, type Item } from './items.js';
import { KEYS, PK } from './keys.js';

/** Extra conditions of a reservation line: the product is for sale and unchanged since it was read. */
export interface StockGuard {
  active?: true;
  version?: number;
}

/**
 * The conditional update that applies a stock change to one product: `{ set }` writes an
 * absolute level (admin restock; retries are safe); `{ add }` changes it relatively, and a
 * decrease that would go below zero fails its condition, so concurrent reservations can never
 * oversell. A deleted or unknown product fails the condition too. Usable alone (updateStock) or
 * as one item of a transaction that reserves several lines at once.
 *
 * Stock is not part of the product's version: it never conflicts with edits, and edits never
 * overwrite it.
 */
export function stockUpdate(
  tableName: string,
  id: string,
  change: StockChange,
  at: string,
  guard: StockGuard = {},
) {
  const relative = 'add' in change;
  const amount = relative ? change.add : change.set;
  const decrease = relative && amount < 0;
  const names: Record<string, string> = {
    '#pk': PK,
    '#deletedAt': 'deletedAt',
    '#stock': 'stock',
    '#updatedAt': 'updatedAt',
  };
  const values: Record<string, unknown> = { ':amount': amount, ':at': at };
  const conditions = ['attribute_exists(#pk)', 'attribute_not_exists(#deletedAt)'];
  if (decrease) {
    conditions.push('#stock >= :needed');
    values[':needed'] = -amount;
  }
  if (guard.active) {
    conditions.push('#active = :active');
    names['#active'] = 'active';
    values[':active'] = true;
  }
  if (guard.version !== undefined) {
    conditions.push('#version = :version');
    names['#version'] = 'version';
    values[':version'] = guard.version;
  }
  return {
    TableName: tableName,
    Key: KEYS.product(id),
    UpdateExpression: relative
      ? 'SET #stock = #stock + :amount, #updatedAt = :at'
      : 'SET #stock = :amount, #updatedAt = :at',
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Applies a stock change to one product and returns it with its level before; undefined when it
 * does not exist or is deleted, 'insufficient' when a decrease would take the level below zero.
 */
export async function updateStock(
  table: Table,
  id: string,
  change: StockChange,
  at: string,
): Promise<StockUpdate | undefined | 'insufficient'> {
  try {
    // A relative change tells the level before from the level after; an absolute one returns the
    // item as it was (the update changes only stock and updatedAt).
    const relative = 'add' in change;
    const result = await table.client.send(
      new UpdateCommand({
        ...stockUpdate(table.name, id, change, at),
        ReturnValues: relative ? 'ALL_NEW' : 'ALL_OLD',
      }),
    );
    const attributes = result.Attributes as Item | undefined;
    if (relative) {
      const product = fromProductItem(attributes);
      return product && { product, previousStock: product.stock - change.add };
    }
    const product = fromProductItem(attributes && { ...attributes, stock: change.set, updatedAt: at });
    return product && { product, previousStock: attributes?.stock as number };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const { Item: item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: KEYS.product(id), ConsistentRead: true }),
    );
    return fromProductItem(item) ? 'insufficient' : undefined;
  }
}
