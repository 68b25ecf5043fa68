import { faultPause } from '@shopeasy/service-kit/config';
import { moderate, type Verdict } from './moderation.js';
import {
  reviewFromSubmission,
  type Review,
  type ReviewRecord,
  type ReviewStatus,
  type ReviewSubmission,
} from './model.js';
import type { WorkerDeps } from './ports.js';

export const NOT_A_BUYER = 'Only customers who bought this product may review it.';
export const ALREADY_REVIEWED = 'You have already reviewed this product.';

/**
 * The worker's use case for one queued submission: create the pending review if the API did
 * not, decide it once (moderation, purchase check, one review per customer and product), and
 * publish review.accepted for an accepted review. Every step is conditional or idempotent, so
 * running it again for the same submission changes nothing and publishes nothing new. Errors
 * (orders unreachable, throttling) propagate: the message stays on the queue and is retried.
 */
export async function processSubmission(
  deps: WorkerDeps,
  submission: ReviewSubmission,
): Promise<ReviewStatus> {
  await deps.reviews.createPending(reviewFromSubmission(submission));
  let review = await load(deps, submission.reviewId);
  if (review.status === 'pending') {
    await decide(deps, review);
    // Read again: a concurrent delivery of the same message may have decided first.
    review = await load(deps, submission.reviewId);
  }
  await faultPause('review-decided');
  if (review.status === 'accepted' && !review.eventPublished) {
    await deps.events.reviewAccepted(review);
    await deps.reviews.markEventPublished(review.id);
  }
  return review.status;
}

async function decide(deps: WorkerDeps, review: Review): Promise<void> {
  const verdict = await judge(deps, review);
  if (!verdict.accepted) {
    await reject(deps, review.id, verdict.reason);
    return;
  }
  // The claim comes last, so only a review that passed every check holds it.
  if (!(await deps.reviews.claim(review))) {
    await reject(deps, review.id, ALREADY_REVIEWED);
    return;
  }
  if (await deps.reviews.accept(review)) {
    deps.metrics?.count('ReviewsAccepted');
    return;
  }
  // Not pending any more: a concurrent delivery decided. Had it rejected the review, the claim
  // taken here must not block the customer's next review.
  if ((await load(deps, review.id)).status === 'rejected') await deps.reviews.releaseClaim(review);
}

// Counted only by the delivery whose decision was written, so a redelivery counts nothing twice.
async function reject(deps: WorkerDeps, reviewId: string, reason: string): Promise<void> {
  if (await deps.reviews.reject(reviewId, reason)) deps.metrics?.count('ReviewsRejected');
}

async function judge(deps: WorkerDeps, review: Review): Promise<Verdict> {
  const moderation = moderate(review);
  if (!moderation.accepted) return moderation;
  if (!(await deps.orders.hasBought(review.userId, review.productId)))
    return { accepted: false, reason: NOT_A_BUYER };
  return { accepted: true };
}

async function load(deps: WorkerDeps, reviewId: string): Promise<ReviewRecord> {
  const review = await deps.reviews.find(reviewId);
  if (!review) throw new Error(`Review ${reviewId} is missing right after it was written`);
  return review;
}
