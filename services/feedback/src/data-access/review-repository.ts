import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from '@shopeasy/service-kit/aws';
import type { ReviewStatus } from '../domain/model.js';
import type { ReviewStore } from '../domain/ports.js';
import { toRecord } from './review-items.js';
import { BY_PRODUCT_PK, BY_PRODUCT_SK, keys, listingPosition, productListing } from './keys.js';
import { listAccepted } from './review-listing.js';

const STATUS = { '#status': 'status' };

// A conditional write: true when it was applied, false when its condition did not hold.
const applied = async (write: () => Promise<object>) => (await unlessConditionFails(write)) !== undefined;

/**
 * Reviews and claims in the feedback table. Every state change is a conditional write on the
 * review's status, so decisions happen once however often a message is delivered.
 */
export function createReviewRepository(db: DynamoDBDocumentClient, table: string): ReviewStore {
  const decide = (
    reviewId: string,
    status: ReviewStatus,
    set: string,
    values: Record<string, unknown>,
    names = {},
  ) =>
    applied(() =>
      db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.review(reviewId),
          UpdateExpression: `SET #status = :status, updatedAt = :now${set}`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { ...STATUS, ...names },
          ExpressionAttributeValues: {
            ':status': status,
            ':pending': 'pending',
            ':now': new Date().toISOString(),
            ...values,
          },
        }),
      ),
    );

  return {
    createPending: (review) =>
      applied(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...keys.review(review.id), ...review, status: 'pending', updatedAt: review.createdAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    async find(reviewId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.review(reviewId), ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    async findClaim(userId, productId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: keys.claim(userId, productId), ConsistentRead: true }),
      );
      return typeof Item?.reviewId === 'string' ? Item.reviewId : undefined;
    },

    claim: (review) =>
      applied(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.claim(review.userId, review.productId),
              reviewId: review.id,
              claimedAt: new Date().toISOString(),
            },
            // The same review claiming again (a redelivery) succeeds; any other review does not.
            ConditionExpression: 'attribute_not_exists(pk) OR reviewId = :reviewId',
            ExpressionAttributeValues: { ':reviewId': review.id },
          }),
        ),
      ),

    async releaseClaim(review) {
      await applied(() =>
        db.send(
          new DeleteCommand({
            TableName: table,
            Key: keys.claim(review.userId, review.productId),
            ConditionExpression: 'reviewId = :reviewId',
            ExpressionAttributeValues: { ':reviewId': review.id },
          }),
        ),
      );
    },

    accept: (review) =>
      decide(
        review.id,
        'accepted',
        ', #lpk = :lpk, #lsk = :lsk',
        {
          ':lpk': productListing(review.productId),
          ':lsk': listingPosition(review.createdAt, review.id),
        },
        { '#lpk': BY_PRODUCT_PK, '#lsk': BY_PRODUCT_SK },
      ),

    reject: (reviewId, reason) =>
      decide(reviewId, 'rejected', ', rejectionReason = :reason', { ':reason': reason }),

    async markEventPublished(reviewId) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.review(reviewId),
          UpdateExpression: 'SET eventPublishedAt = if_not_exists(eventPublishedAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': new Date().toISOString() },
        }),
      );
    },

    listAccepted: (productId, limit, after) => listAccepted(db, table, productId, limit, after),
  };
}
