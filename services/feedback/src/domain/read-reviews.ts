import type { Principal } from '@shopeasy/service-kit/auth';
import { decodePageCursor, encodePageCursor } from './cursor.js';
import { ProductNotFoundError, ReviewNotFoundError } from './errors.js';
import type { Review, ReviewRecord } from './model.js';
import type { ApiDeps } from './ports.js';

/** Its author and admins see a review in any status; everyone else sees accepted reviews only. */
export async function getReview(deps: ApiDeps, caller: Principal, reviewId: string): Promise<Review> {
  const review = await deps.reviews.find(reviewId);
  const visible =
    review && (review.status === 'accepted' || caller.role === 'admin' || caller.userId === review.userId);
  if (!visible) throw new ReviewNotFoundError(reviewId);
  return toReview(review);
}

/** Accepted reviews of a product, newest first; 404 when the catalog does not know the product. */
export async function listReviews(
  deps: ApiDeps,
  productId: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ items: Review[]; nextCursor?: string }> {
  const after = decodePageCursor(cursor);
  const page = await deps.reviews.listAccepted(productId, limit, after);
  // Only an empty first page needs the catalog: a product with accepted reviews exists.
  if (page.items.length === 0 && after === undefined && !(await productKnown(deps, productId))) {
    throw new ProductNotFoundError(productId);
  }
  const nextCursor = encodePageCursor(page.after);
  return nextCursor ? { items: page.items.map(toReview), nextCursor } : { items: page.items.map(toReview) };
}

async function productKnown(deps: ApiDeps, productId: string): Promise<boolean> {
  try {
    return await deps.catalog.productExists(productId);
  } catch (error) {
    deps.logger.warn({ err: error, productId }, 'catalog unavailable; answering an empty page');
    return true;
  }
}

function toReview(record: Review | ReviewRecord): Review {
  const { id, productId, userId, status, rating, title, body, createdAt, rejectionReason } = record;
  const review: Review = { id, productId, userId, status, rating, title, body, createdAt };
  return status === 'rejected' && rejectionReason ? { ...review, rejectionReason } : review;
}
