import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplyResult } from '../domain/inventory-ports.js';
import type { ProductRecord, RatingSummary } from '../domain/model.js';
import { ratingSummary } from '../domain/ratings.js';
import { transactWrite as transact, updateExpression, type Table, type TransactItem } from './dynamo.js';
import { tokenItems, type Item } from './items.js';
import { KEYS, PK } from './keys.js';
import { fromProductItems, listingAttributes } from './product-items.js';

const MAX_ATTEMPTS = 5;

/**
 * The product item as stored now (its LIVE counters are not needed: a rating never writes them),
 * with the sum of its ratings (derived for products rated before it was kept).
 */
async function readRated(
  table: Table,
  id: string,
): Promise<{ product: ProductRecord; sum: number } | undefined> {
  const { Item: item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: KEYS.product(id), ConsistentRead: true }),
  );
  const product = fromProductItems(item, undefined);
  if (!product) return undefined;
  const sum =
    (item?.ratingSum as number | undefined) ?? Math.round(product.rating.average * product.rating.count);
  return { product, sum };
}

/**
 * The writes that replace a product's rating together with everything ordered by it: the rating
 * listing keys and the rating on its search tokens; conditional on the version read.
 */
function ratingWrites(
  table: Table,
  current: ProductRecord,
  rating: RatingSummary,
  sum: number,
): TransactItem[] {
  const next: ProductRecord = { ...current, rating, version: current.version + 1 };
  const update = updateExpression({
    ratingSum: sum,
    ratingAverage: rating.average,
    ratingCount: rating.count,
    version: next.version,
    ...(next.active ? listingAttributes(next) : {}),
  });
  return [
    {
      Update: {
        TableName: table.name,
        Key: KEYS.product(current.id),
        ...update,
        ConditionExpression: '#v = :expected AND attribute_not_exists(#d)',
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#v': 'version', '#d': 'deletedAt' },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':expected': current.version },
      },
    },
    ...tokenItems(next).map((token): TransactItem => ({ Put: { TableName: table.name, Item: token } })),
  ];
}

/**
 * Replaces a product's rating summary (imports and tests); false when the product does not exist
 * or is deleted.
 */
export async function setRatingSummary(table: Table, id: string, rating: RatingSummary): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRated(table, id);
    if (!current) return false;
    const sum = Math.round(rating.average * rating.count);
    // Changed meanwhile by an edit or another rating: read it again.
    if (!(await transact(table, ratingWrites(table, current.product, rating, sum)))) return true;
  }
  throw new Error(`Product ${id} kept changing while its rating was updated`);
}

/**
 * Counts one accepted review: the marker `RATING#<reviewId>` (new) and the product's new sum,
 * count, average and rating keys in one transaction, so a review is counted exactly once.
 */
export async function addRating(
  table: Table,
  reviewId: string,
  productId: string,
  rating: number,
  at: string,
): Promise<ApplyResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRated(table, productId);
    if (!current) return 'unknown-product';
    const count = current.product.rating.count + 1;
    const sum = current.sum + rating;
    const marker: Item = {
      ...KEYS.rating(reviewId),
      type: 'rating',
      reviewId,
      productId,
      rating,
      countedAt: at,
    };
    const codes = await transact(table, [
      {
        Put: {
          TableName: table.name,
          Item: marker,
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        },
      },
      ...ratingWrites(table, current.product, ratingSummary(sum, count), sum),
    ]);
    if (!codes) return 'applied';
    if (codes[0] === 'ConditionalCheckFailed') return 'duplicate';
  }
  throw new Error(`Product ${productId} kept changing while review ${reviewId} was counted`);
}
