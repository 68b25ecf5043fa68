import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ProductRecord, StockChange } from '../domain/model.js';
import type { Table } from './dynamo.js';
import { fromProductItem, type Item } from './items.js';
import { KEYS, PK } from './keys.js';

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
export function stockUpdate(tableName: string, id: string, change: StockChange, at: string) {
  const relative = 'add' in change;
  const amount = relative ? change.add : change.set;
  const decrease = relative && amount < 0;
  return {
    TableName: tableName,
    Key: KEYS.product(id),
    UpdateExpression: relative
      ? 'SET #stock = #stock + :amount, #updatedAt = :at'
      : 'SET #stock = :amount, #updatedAt = :at',
    ConditionExpression: [
      'attribute_exists(#pk)',
      'attribute_not_exists(#deletedAt)',
      ...(decrease ? ['#stock >= :needed'] : []),
    ].join(' AND '),
    ExpressionAttributeNames: {
      '#pk': PK,
      '#deletedAt': 'deletedAt',
      '#stock': 'stock',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: { ':amount': amount, ':at': at, ...(decrease ? { ':needed': -amount } : {}) },
  };
}

/**
 * Applies a stock change to one product and returns it; undefined when it does not exist or is
 * deleted, 'insufficient' when a decrease would take the level below zero.
 */
export async function updateStock(
  table: Table,
  id: string,
  change: StockChange,
  at: string,
): Promise<ProductRecord | undefined | 'insufficient'> {
  try {
    const result = await table.client.send(
      new UpdateCommand({ ...stockUpdate(table.name, id, change, at), ReturnValues: 'ALL_NEW' }),
    );
    return fromProductItem(result.Attributes as Item | undefined);
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    const { Item: item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: KEYS.product(id), ConsistentRead: true }),
    );
    return fromProductItem(item) ? 'insufficient' : undefined;
  }
}
