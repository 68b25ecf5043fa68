import { AlreadyReviewedError, ProductNotFoundError } from './errors.js';
import type { Review, ReviewInput } from './model.js';
import type { ApiDeps } from './ports.js';

/**
 * A customer submits a review: it is queued for moderation and answered as pending.
 *
 * The message is sent first and the pending review written second. Once the message is on
 * the queue the review cannot be lost: the worker creates the pending review from the message
 * when the write here does not happen (crash, table error). When the send fails, nothing was
 * written and the client sees an error and may simply retry.
 */
export async function submitReview(
  deps: ApiDeps,
  userId: string,
  productId: string,
  input: ReviewInput,
): Promise<Review> {
  if (await deps.reviews.findClaim(userId, productId)) throw new AlreadyReviewedError(productId);
  await assertProductExists(deps, productId);
  const review: Review = {
    id: deps.newId('rev'),
    productId,
    userId,
    status: 'pending',
    rating: input.rating,
    title: input.title.trim(),
    body: input.body.trim(),
    createdAt: deps.now(),
  };
  const { id: reviewId, rating, title, body, createdAt } = review;
  await deps.queue.submit({ reviewId, productId, userId, rating, title, body, createdAt });
  try {
    await deps.reviews.createPending(review);
  } catch (error) {
    deps.logger.warn(
      { err: error, reviewId },
      'pending review not written; the worker creates it from the queued message',
    );
  }
  return review;
}

// An unknown product is a 404 now. When the catalog cannot answer, the review is queued anyway:
// the worker's purchase check rejects reviews of products nobody bought, unknown ones included.
async function assertProductExists(deps: ApiDeps, productId: string): Promise<void> {
  let exists: boolean;
  try {
    exists = await deps.catalog.productExists(productId);
  } catch (error) {
    deps.logger.warn(
      { err: error, productId },
      'catalog unavailable; review queued without the product check',
    );
    return;
  }
  if (!exists) throw new ProductNotFoundError(productId);
}
