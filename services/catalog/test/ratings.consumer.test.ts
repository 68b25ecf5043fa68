import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { MAX_RECEIVE_COUNT } from '@shopeasy/resources';
import { domainEvent, publishEvent } from '@shopeasy/events';
import { createAwsClients } from '@shopeasy/service-kit/aws';
import { loadConfig } from '@shopeasy/service-kit/config';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRatingsConsumer, type RatingsConsumerStats } from '../src/worker/ratings-consumer.js';
import type { RunningConsumer } from '../src/worker/inventory-consumer.js';
import { eventually } from '@shopeasy/service-kit/testing';
import { createCategory, createProduct, ids, type ApiProduct } from './support/factories.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
let consumer: RunningConsumer<RatingsConsumerStats>;
let categoryId: string;
const aws = createAwsClients(loadConfig(0, {}));

beforeAll(async () => {
  h = await startHarness();
  categoryId = await createCategory(h);
  consumer = startRatingsConsumer({
    sqs: aws.sqs,
    queueUrl: h.config.CATALOG_EVENTS_QUEUE_URL,
    store: h.repository,
    logger: createLogger('catalog-test', 'silent'),
    waitSeconds: 1,
    batchSize: 10,
    visibilityTimeoutSeconds: 5,
    retryBaseSeconds: 0,
  });
});

afterAll(async () => {
  await consumer?.stop();
  await h?.stop();
  aws.sns.destroy();
  aws.sqs.destroy();
});

/** review.accepted as the feedback service publishes it: one event id per review. */
async function accept(productId: string, rating: number, reviewId = newId('rev')): Promise<string> {
  const data = { reviewId, productId, userId: newId('usr'), rating };
  await publishEvent(
    aws.sns,
    process.env.EVENTS_TOPIC_ARN!,
    domainEvent('review.accepted', data, `evt_accepted_${reviewId}`),
  );
  return reviewId;
}

const ratingOf = async (productId: string) =>
  (await h.call<ApiProduct>('GET', `/v1/products/${productId}`)).body.rating;

/** Waits until the consumer has dealt with `count` more messages (counted, skipped or dropped). */
const handled = (before: RatingsConsumerStats, count: number) =>
  eventually(() => {
    const now = consumer.stats();
    const done = (s: RatingsConsumerStats) => s.applied + s.duplicate + s['unknown-product'];
    expect(done(now) - done(before)).toBeGreaterThanOrEqual(count);
  });

describe('rating summaries from accepted reviews', () => {
  it('When reviews are accepted, then the product shows their average (two decimals) and count', async () => {
    const product = await createProduct(h, categoryId);

    await Promise.all([accept(product.id, 5), accept(product.id, 4), accept(product.id, 4)]);

    await eventually(async () => expect(await ratingOf(product.id)).toEqual({ average: 4.33, count: 3 }));
  });

  it('When the same review is delivered twice, then it is counted once', async () => {
    const product = await createProduct(h, categoryId);
    const before = consumer.stats();
    const reviewId = await accept(product.id, 2);

    await accept(product.id, 2, reviewId);

    await handled(before, 2);
    expect(await ratingOf(product.id)).toEqual({ average: 2, count: 1 });
    expect(consumer.stats().duplicate - before.duplicate).toBe(1);
  });

  it('When ratings change, then sorting by rating follows in listings and search', async () => {
    const word = `lamp${randomUUID().slice(0, 8)}`;
    const category = await createCategory(h);
    const a = await createProduct(h, category, { name: `${word} Alpha` });
    const b = await createProduct(h, category, { name: `${word} Beta` });
    const order = async () => ({
      listed: ids(
        (await h.call<{ items: ApiProduct[] }>('GET', `/v1/categories/${category}/products?sort=rating`)).body
          .items,
      ),
      found: ids(
        (await h.call<{ items: ApiProduct[] }>('GET', `/v1/products?q=${word}&sort=rating`)).body.items,
      ),
    });

    await Promise.all([accept(a.id, 5), accept(b.id, 4)]);
    await eventually(async () =>
      expect(await order()).toEqual({ listed: [a.id, b.id], found: [a.id, b.id] }),
    );

    await accept(a.id, 1);
    await eventually(async () =>
      expect(await order()).toEqual({ listed: [b.id, a.id], found: [b.id, a.id] }),
    );
    expect(await ratingOf(a.id)).toEqual({ average: 3, count: 2 });
  });

  it('When a review is for a product the catalog does not have, then it is dropped and nothing is rated', async () => {
    const before = consumer.stats();

    await accept('prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ', 5);

    await handled(before, 1);
    expect(consumer.stats()['unknown-product'] - before['unknown-product']).toBe(1);
  });
});

describe('poison messages', () => {
  it(`When an event cannot be counted, then it is retried and lands in the DLQ after ${MAX_RECEIVE_COUNT} receives`, async () => {
    const product = await createProduct(h, categoryId);
    const reviewId = await accept(product.id, 9);

    await eventually(
      async () => {
        const { Messages = [] } = await aws.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: process.env.CATALOG_EVENTS_DLQ_URL!,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 0,
          }),
        );
        expect(Messages.some((m) => m.Body?.includes(reviewId))).toBe(true);
      },
      { timeoutMs: 30_000 },
    );
    expect(await ratingOf(product.id)).toEqual({ average: 0, count: 0 });
  });
});
