import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ProductRecord, RatingSummary } from '../domain/model.js';
import { cancellationCodes, updateExpression, type Table } from './dynamo.js';
import { fromProductItem, listingAttributes, tokenItems } from './items.js';
import { KEYS } from './keys.js';

const MAX_ATTEMPTS = 5;

/**
 * Replaces a product's rating summary together with everything ordered by it: the rating
 * listing keys and the rating on its search tokens. For the review.accepted consumer; false
 * when the product does not exist or is deleted.
 */
export async function setRatingSummary(table: Table, id: string, rating: RatingSummary): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { Item: item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: KEYS.product(id), ConsistentRead: true }),
    );
    const current = fromProductItem(item);
    if (!current) return false;
    const next: ProductRecord = { ...current, rating, version: current.version + 1 };
    const update = updateExpression({
      ratingAverage: rating.average,
      ratingCount: rating.count,
      version: next.version,
      ...(next.active ? listingAttributes(next) : {}),
    });
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table.name,
                Key: KEYS.product(id),
                ...update,
                ConditionExpression: '#v = :expected AND attribute_not_exists(#d)',
                ExpressionAttributeNames: {
                  ...update.ExpressionAttributeNames,
                  '#v': 'version',
                  '#d': 'deletedAt',
                },
                ExpressionAttributeValues: {
                  ...update.ExpressionAttributeValues,
                  ':expected': current.version,
                },
              },
            },
            ...tokenItems(next).map((token) => ({ Put: { TableName: table.name, Item: token } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Changed meanwhile by an edit or another rating: read it again.
      if (!cancellationCodes(error)) throw error;
    }
  }
  throw new Error(`Product ${id} kept changing while its rating was updated`);
}
