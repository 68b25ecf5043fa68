/** pending: queued for moderation; accepted: listed and counted; rejected: seen by its author and admins only. */
export type ReviewStatus = 'pending' | 'accepted' | 'rejected';

/** A review as the API shows it. */
export interface Review {
  id: string;
  productId: string;
  userId: string;
  status: ReviewStatus;
  rating: number;
  title: string;
  body: string;
  rejectionReason?: string;
  createdAt: string;
}

/** A stored review with what the worker keeps about it. */
export interface ReviewRecord extends Review {
  /** Set once review.accepted has reached the topic, so a redelivery publishes nothing new. */
  eventPublished: boolean;
}

/**
 * What the feedback queue carries: the whole submission, so the worker can create the pending
 * review itself when the API's write did not happen.
 */
export interface ReviewSubmission {
  reviewId: string;
  productId: string;
  userId: string;
  rating: number;
  title: string;
  body: string;
  createdAt: string;
  /** Request id of the submission, carried into the worker's logs and the event. */
  requestId?: string;
}

export interface ReviewInput {
  rating: number;
  title: string;
  body: string;
}

/** Accepted reviews of a product, newest first; `after` is the position of the next page. */
export interface ReviewPage {
  items: Review[];
  after?: string;
}

export function reviewFromSubmission(s: ReviewSubmission): Review {
  const { reviewId, productId, userId, rating, title, body, createdAt } = s;
  return { id: reviewId, productId, userId, status: 'pending', rating, title, body, createdAt };
}
