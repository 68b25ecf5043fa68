import { parseSnsEnvelope, type DomainEnvelope } from '@shopeasy/events';
import { z } from 'zod';
import type { AcceptedReview } from '../domain/ratings.js';

const reviewSchema = z.object({
  reviewId: z.string().min(1),
  productId: z.string().min(1),
  userId: z.string().min(1),
  rating: z.number().int().min(1).max(5),
});

/** A message that is not a review.accepted event a product can be rated with; it ends in the DLQ. */
export class MalformedMessageError extends Error {
  constructor(detail: string) {
    super(`Not a review.accepted event: ${detail}`);
    this.name = 'MalformedMessageError';
  }
}

/**
 * Reads an SQS message of the catalog-events queue: the SNS notification around the event
 * envelope. `other` for events of another type (nothing for the catalog to do).
 */
export function parseReviewMessage(
  body: string | undefined,
):
  | { kind: 'review'; envelope: DomainEnvelope; review: AcceptedReview }
  | { kind: 'other'; envelope: DomainEnvelope } {
  let envelope: DomainEnvelope;
  try {
    envelope = parseSnsEnvelope(body ?? '');
  } catch (error) {
    throw new MalformedMessageError((error as Error).message);
  }
  if (envelope.type !== 'review.accepted') return { kind: 'other', envelope };
  const parsed = reviewSchema.safeParse(envelope.data);
  if (!parsed.success) {
    throw new MalformedMessageError(
      parsed.error.issues.map((i) => `data.${i.path.join('.')} ${i.message}`).join('; '),
    );
  }
  const { reviewId, productId, rating } = parsed.data;
  return { kind: 'review', envelope, review: { reviewId, productId, rating } };
}
