import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReviewPage } from '../domain/model.js';
import {
  BY_PRODUCT_INDEX,
  BY_PRODUCT_PK,
  BY_PRODUCT_SK,
  keys,
  productListing,
  reviewIdOfPosition,
} from './keys.js';
import { toRecord } from './review-items.js';

/**
 * One page of a product's accepted reviews, newest first. One item more than the page is read,
 * so the last page is known as such and never followed by an empty one.
 */
export async function listAccepted(
  db: DynamoDBDocumentClient,
  table: string,
  productId: string,
  limit: number,
  after: string | undefined,
): Promise<ReviewPage> {
  const listing = productListing(productId);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: BY_PRODUCT_INDEX,
      KeyConditionExpression: '#lpk = :listing',
      ExpressionAttributeNames: { '#lpk': BY_PRODUCT_PK },
      ExpressionAttributeValues: { ':listing': listing },
      ScanIndexForward: false,
      Limit: limit + 1,
      ...(after
        ? {
            ExclusiveStartKey: {
              ...keys.review(reviewIdOfPosition(after)),
              [BY_PRODUCT_PK]: listing,
              [BY_PRODUCT_SK]: after,
            },
          }
        : {}),
    }),
  );
  const items = Items.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toRecord),
    ...(Items.length > limit && last ? { after: String(last[BY_PRODUCT_SK]) } : {}),
  };
}
