import type { Logger, ServiceMetrics } from '@shopeasy/service-kit/telemetry';
import type { Review, ReviewPage, ReviewRecord, ReviewSubmission } from './model.js';

/** Reviews, the one-review-per-customer-and-product claims, and the listing by product. */
export interface ReviewStore {
  /** Writes a pending review unless one with its id exists; false when it existed. */
  createPending(review: Review): Promise<boolean>;
  find(reviewId: string): Promise<ReviewRecord | undefined>;
  /** Id of the review that holds the user's one review of the product, if any. */
  findClaim(userId: string, productId: string): Promise<string | undefined>;
  /** Claims the user's one review of the product for this review; false when another review holds it. */
  claim(review: Review): Promise<boolean>;
  /** Gives up the claim of this review (never another review's). */
  releaseClaim(review: Review): Promise<void>;
  /** pending → accepted (and listed); false when the review is no longer pending. */
  accept(review: Review): Promise<boolean>;
  /** pending → rejected with a reason; false when the review is no longer pending. */
  reject(reviewId: string, reason: string): Promise<boolean>;
  markEventPublished(reviewId: string): Promise<void>;
  /** Accepted reviews newest first; `after` comes from the previous page. */
  listAccepted(productId: string, limit: number, after?: string): Promise<ReviewPage>;
}

/** The feedback SQS queue, seen from the API. */
export interface ReviewQueue {
  submit(submission: ReviewSubmission): Promise<void>;
}

/** Domain events on the topic. The same review always gives the same event id. */
export interface ReviewEvents {
  reviewAccepted(review: Review): Promise<void>;
}

/** The catalog: does a product exist (and is it active)? Throws when the catalog cannot answer. */
export interface CatalogPort {
  productExists(productId: string): Promise<boolean>;
}

/** The orders service: did the user buy the product? Throws when orders cannot answer. */
export interface OrdersPort {
  hasBought(userId: string, productId: string): Promise<boolean>;
}

/** What the API's use cases need. */
export interface ApiDeps {
  reviews: ReviewStore;
  queue: ReviewQueue;
  catalog: CatalogPort;
  logger: Logger;
  newId: (prefix: string) => string;
  now: () => string;
}

/** What the worker's use case needs. */
export interface WorkerDeps {
  reviews: ReviewStore;
  events: ReviewEvents;
  orders: OrdersPort;
  logger: Logger;
  /** Counts ReviewsAccepted and ReviewsRejected. */
  metrics?: Pick<ServiceMetrics, 'count'>;
}
