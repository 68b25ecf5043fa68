import { domainEvent, publishEvent } from '@shopeasy/events';
import type { AwsClients } from '@shopeasy/service-kit/aws';
import type { ReviewEvents } from '../domain/ports.js';

/**
 * The event id is derived from the review id: a redelivered message that publishes again
 * publishes the same event, and the catalog counts it once.
 */
export const reviewAcceptedEventId = (reviewId: string) => `evt_accepted_${reviewId}`;

/** Domain events of the feedback service on the shared SNS topic. */
export function createReviewEvents(sns: AwsClients['sns'], topicArn: string): ReviewEvents {
  return {
    async reviewAccepted(review) {
      const data = {
        reviewId: review.id,
        productId: review.productId,
        userId: review.userId,
        rating: review.rating,
      };
      await publishEvent(
        sns,
        topicArn,
        domainEvent('review.accepted', data, reviewAcceptedEventId(review.id)),
      );
    },
  };
}
