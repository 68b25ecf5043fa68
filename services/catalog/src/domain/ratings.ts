import type { ApplyResult, InventoryStore } from './inventory-ports.js';
import type { RatingSummary } from './model.js';

/** Average of `count` ratings adding up to `sum`, rounded to two decimals as shown and sorted on. */
export function ratingSummary(sum: number, count: number): RatingSummary {
  return { average: count === 0 ? 0 : Math.round((sum / count) * 100) / 100, count };
}

export interface AcceptedReview {
  reviewId: string;
  productId: string;
  rating: number;
}

/** Counts an accepted review in its product's rating summary, once however often it arrives. */
export function countReview(
  store: Pick<InventoryStore, 'addRating'>,
  review: AcceptedReview,
  at: string,
): Promise<ApplyResult> {
  return store.addRating(review.reviewId, review.productId, review.rating, at);
}
