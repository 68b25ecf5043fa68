import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import { newId } from '@shopeasy/service-kit/ids';
import { eventually } from '@shopeasy/service-kit/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewAcceptedEventId } from '../src/index.js';
import { goodReview, startFeedback, type FeedbackHarness } from './support/feedback-service.js';
import { WORKER_PATIENCE } from './support/http.js';
import { sqsClient } from './support/queues.js';
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

const queueDrained = () =>
  eventually(async () => {
    expect(await service.queues.depth()).toBe(0);
  }, WORKER_PATIENCE);

const inDeadLetters = (text: string) =>
  eventually(
    async () => {
      const bodies = (await service.queues.deadLetters()).map((m) => m.Body ?? '');
      expect(bodies.some((body) => body.includes(text))).toBe(true);
    },
    { ...WORKER_PATIENCE, timeoutMs: 30_000 },
  );

describe('redelivery', () => {
  it('When the same submission is delivered twice, then there is one review and one review.accepted event', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);
    const reviewId = newId('rev');
    const message = JSON.stringify({
      reviewId,
      productId,
      userId: buyer.userId,
      ...goodReview,
      createdAt: new Date().toISOString(),
    });

    await service.queues.send(message);
    await service.queues.send(message);

    await queueDrained();
    expect(await service.decided(buyer, reviewId)).toMatchObject({ id: reviewId, status: 'accepted' });
    expect((await service.list(productId)).body.items.map((r) => r.id)).toEqual([reviewId]);
    await topic.drain();
    expect(topic.acceptedEventsOf(reviewId).map((e) => e.id)).toEqual([reviewAcceptedEventId(reviewId)]);
  });

  it('When orders fails twice and then answers, then the review is accepted on a later delivery', async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);
    service.orders.failFor(buyer.userId, productId, 2);

    const reply = await service.submit(buyer, productId);

    expect(await service.decided(buyer, reply.body.id)).toMatchObject({ status: 'accepted' });
    expect(service.orders.callsFor(buyer.userId, productId)).toBe(3);
  });
});

describe('worker down', () => {
  it('When reviews are submitted while the worker is stopped, then they wait and are decided once it runs again', async () => {
    await service.stopWorker();
    const productId = service.product();
    const buyers = await Promise.all([1, 2, 3].map(() => service.buyerOf(productId)));
    const before = await service.queues.depth();

    const replies = await Promise.all(buyers.map((buyer) => service.submit(buyer, productId)));

    expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(await service.queues.depth()).toBe(before + 3);
    const pending = await Promise.all(
      buyers.map((buyer, i) => service.getReview(buyer, replies[i]!.body.id)),
    );
    expect(pending.map((r) => r.body.status)).toEqual(['pending', 'pending', 'pending']);
    expect((await service.list(productId)).body.items).toEqual([]);

    service.startWorker();

    const decided = await Promise.all(buyers.map((buyer, i) => service.decided(buyer, replies[i]!.body.id)));
    expect(decided.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect((await service.list(productId)).body.items).toHaveLength(3);
  });
});

describe('poison messages', () => {
  it(`When orders keeps failing, then the message lands in the DLQ after ${MAX_RECEIVE_COUNT} tries and the review stays pending`, async () => {
    const productId = service.product();
    const buyer = await service.buyerOf(productId);
    service.orders.failFor(buyer.userId, productId);

    const reply = await service.submit(buyer, productId);

    await inDeadLetters(reply.body.id);
    expect(service.orders.callsFor(buyer.userId, productId)).toBe(MAX_RECEIVE_COUNT);
    expect((await service.getReview(buyer, reply.body.id)).body.status).toBe('pending');
    expect(await topic.drain().then(() => topic.acceptedEventsOf(reply.body.id))).toEqual([]);
  });

  it.each([
    ['is not JSON', (marker: string) => `not json ${marker}`],
    ['is not a submission', (marker: string) => JSON.stringify({ reviewId: marker, rating: 9 })],
  ])('When a message body %s, then it lands in the DLQ', async (_case, body) => {
    const marker = randomUUID();

    await service.queues.send(body(marker));

    await inDeadLetters(marker);
  });

  it('When the feedback queue is provisioned, then it moves a message to its DLQ after the same number of receives', async () => {
    const { Attributes = {} } = await sqsClient().send(
      new GetQueueAttributesCommand({
        QueueUrl: process.env.FEEDBACK_QUEUE_URL,
        AttributeNames: ['RedrivePolicy'],
      }),
    );

    const redrive = JSON.parse(Attributes.RedrivePolicy ?? '{}') as {
      maxReceiveCount?: number | string;
      deadLetterTargetArn?: string;
    };

    expect(Number(redrive.maxReceiveCount)).toBe(MAX_RECEIVE_COUNT);
    expect(redrive.deadLetterTargetArn?.split(':').at(-1)).toBe(
      process.env.FEEDBACK_DLQ_URL?.split('/').at(-1),
    );
  });
});
