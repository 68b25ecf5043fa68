import { eventually } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALREADY_REVIEWED, NOT_A_BUYER } from '../src/domain/process-review.js';
import { REASONS } from '../src/domain/moderation.js';
import { reviewAcceptedEventId } from '../src/index.js';
import { goodReview, startFeedback, type FeedbackHarness } from './support/feedback-service.js';
import { WORKER_PATIENCE } from './support/http.js';
import { listenToTopic, type TopicListener } from './support/topic-listener.js';

let service: FeedbackHarness;
let topic: TopicListener;
beforeAll(async () => {
  service = await startFeedback();
  topic = await listenToTopic(service.config.EVENTS_TOPIC_ARN);
});
afterAll(async () => {
  await topic?.stop();
  await service?.stop();
});

/** Events of the review that reached the topic, once everything published so far has arrived. */
async function acceptedEvents(reviewId: string) {
  await topic.drain();
  return topic.acceptedEventsOf(reviewId);
}

describe('submitting and moderating a review', () => {
  it('When a buyer reviews the product, then 202 pending, then accepted, listed and review.accepted on the topic', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);

    const reply = await service.submit(buyer, productId);

    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ productId, userId: buyer.userId, status: 'pending', ...goodReview });
    expect(reply.body.id).toMatch(/^rev_/);
    const decided = await service.decided(buyer, reply.body.id);
    expect(decided).toEqual({ ...reply.body, status: 'accepted' });
    expect((await service.list(productId)).body).toEqual({ items: [decided] });
    // The event follows the status change, so it may arrive a moment after the review reads accepted.
    const events = await eventually(async () => {
      const seen = await acceptedEvents(reply.body.id);
      expect(seen).toHaveLength(1);
      return seen;
    }, WORKER_PATIENCE);
    expect(events[0]).toMatchObject({
      id: reviewAcceptedEventId(reply.body.id),
      type: 'review.accepted',
      attributeType: 'review.accepted',
      data: { reviewId: reply.body.id, productId, userId: buyer.userId, rating: goodReview.rating },
    });
    // One request id follows the review from the POST through the worker's call to orders into the event.
    const requestId = reply.headers.get('x-request-id');
    expect(service.orders.requestIdsFor(buyer.userId, productId)).toEqual([requestId]);
    expect(events[0]?.requestId).toBe(requestId);
    expect(service.orders.refused).toBe(0);
  });

  it('When the reviewer never bought the product, then it is rejected with the reason, not listed, and no event', async () => {
    const productId = service.product();
    const stranger = await service.shopper();

    const reply = await service.submit(stranger, productId);

    expect(reply.status).toBe(202);
    const decided = await service.decided(stranger, reply.body.id);
    expect(decided).toMatchObject({ status: 'rejected', rejectionReason: NOT_A_BUYER });
    expect((await service.list(productId)).body).toEqual({ items: [] });
    expect(await acceptedEvents(reply.body.id)).toEqual([]);
  });

  it('When a buyer writes a review with a link, then moderation rejects it with the reason and no event', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);

    const reply = await service.submit(buyer, productId, {
      ...goodReview,
      body: 'Half price at https://boots.example/deal',
    });

    const decided = await service.decided(buyer, reply.body.id);
    expect(decided).toMatchObject({ status: 'rejected', rejectionReason: REASONS.advertising });
    expect((await service.list(productId)).body.items).toEqual([]);
    expect(await acceptedEvents(reply.body.id)).toEqual([]);
  });

  it('When a buyer whose review was rejected writes a proper one, then the new one is accepted', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);
    const first = await service.submit(buyer, productId, {
      ...goodReview,
      title: 'SHOUTING IS FUN',
      body: 'I LOVE THESE SHOES SO MUCH',
    });
    expect(await service.decided(buyer, first.body.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: REASONS.shouting,
    });

    const second = await service.submit(buyer, productId);

    expect(second.status).toBe(202);
    expect(await service.decided(buyer, second.body.id)).toMatchObject({ status: 'accepted' });
  });
});

describe('one review per customer and product', () => {
  it('When a buyer submits two reviews at once, then one is accepted and the other rejected as a second review', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);

    const replies = await Promise.all([
      service.submit(buyer, productId),
      service.submit(buyer, productId, { ...goodReview, title: 'Second thoughts' }),
    ]);

    expect(replies.map((r) => r.status)).toEqual([202, 202]);
    const decided = await Promise.all(replies.map((r) => service.decided(buyer, r.body.id)));
    expect(decided.map((r) => r.status).sort()).toEqual(['accepted', 'rejected']);
    expect(decided.find((r) => r.status === 'rejected')?.rejectionReason).toBe(ALREADY_REVIEWED);
    const listed = (await service.list(productId)).body.items;
    expect(listed.map((r) => r.id)).toEqual([decided.find((r) => r.status === 'accepted')!.id]);
  });

  it('When a buyer reviews a product again after the first review was accepted, then 409 and the first review stays the only one', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);
    const first = await service.submit(buyer, productId);
    await service.decided(buyer, first.body.id);

    const second = await service.submit(buyer, productId, { ...goodReview, title: 'Changed my mind' });

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      type: 'https://shopeasy.example/problems/already-reviewed',
      status: 409,
    });
    expect((await service.list(productId)).body.items.map((r) => r.title)).toEqual([goodReview.title]);
  });
});

describe('product checks', () => {
  it('When the catalog cannot answer, then the review is queued anyway and the purchase check decides it', async () => {
    const productId = service.product();
    service.catalog.failFor(productId);
    const buyer = await service.buyerOf(productId);
    const stranger = await service.shopper();

    const replies = await Promise.all([
      service.submit(buyer, productId),
      service.submit(stranger, productId),
    ]);

    expect(replies.map((r) => r.status)).toEqual([202, 202]);
    expect(await service.decided(buyer, replies[0]!.body.id)).toMatchObject({ status: 'accepted' });
    expect(await service.decided(stranger, replies[1]!.body.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: NOT_A_BUYER,
    });
  });

  it('When the product does not exist, then 404 and no review is made', async () => {
    const buyer = await service.shopper();
    const unknown = 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ';

    const reply = await service.submit(buyer, unknown);

    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect((await service.list(unknown)).status).toBe(404);
  });
});
