import type { Principal } from '@shopeasy/service-kit/auth';
import { UnauthorizedError } from '@shopeasy/service-kit/errors';
import type { Handlers } from '@shopeasy/service-kit/http';
import { PUBLIC_CACHE_CONTROL } from '@shopeasy/service-kit/read-cache';
import type { operations } from '@shopeasy/api-client/types/feedback';
import type { ApiDeps } from '../domain/ports.js';
import { getReview, listReviews } from '../domain/read-reviews.js';
import { submitReview } from '../domain/submit-review.js';

const DEFAULT_PAGE_SIZE = 20;

/** One thin handler per operation of contracts/feedback.yaml: input in, use case, reply out. */
export function feedbackHandlers(deps: ApiDeps): Handlers<operations> {
  return {
    createReview: async ({ principal, params, body }) => ({
      status: 202,
      body: await submitReview(deps, caller(principal).userId, params.productId, body),
    }),
    listProductReviews: async ({ params, query }) => ({
      status: 200,
      // Accepted reviews are the same for everyone; the contract lets caches keep them seconds.
      headers: { 'Cache-Control': PUBLIC_CACHE_CONTROL },
      body: await listReviews(deps, params.productId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    }),
    getReview: async ({ principal, params }) => ({
      status: 200,
      body: await getReview(deps, caller(principal), params.reviewId),
    }),
  };
}

// The kit sets the principal on every secured operation; without one, answer as for a missing token.
function caller(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthorizedError();
  return principal;
}
