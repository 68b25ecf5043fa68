import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodReview, startFeedback, type FeedbackHarness } from './support/feedback-service.js';
import { call } from './support/http.js';

// No worker here: whatever a request queues stays on the queue, so the queue shows what was sent.
let service: FeedbackHarness;
beforeAll(async () => {
  service = await startFeedback({ worker: false });
});
afterAll(() => service?.stop());

describe('POST /v1/products/{productId}/reviews input', () => {
  it('When the body is valid, then 202 and exactly one submission is queued', async () => {
    const before = await service.queues.depth();
    const productId = service.product();

    const reply = await service.submit(await service.shopper(), productId);

    expect(reply.status).toBe(202);
    expect(await service.queues.depth()).toBe(before + 1);
  });

  it.each([
    ['a rating of 0', 'body.rating', { ...goodReview, rating: 0 }],
    ['a rating of 6', 'body.rating', { ...goodReview, rating: 6 }],
    ['a fractional rating', 'body.rating', { ...goodReview, rating: 4.5 }],
    ['no rating', 'body.rating', { title: goodReview.title, body: goodReview.body }],
    ['a two-letter title', 'body.title', { ...goodReview, title: 'Ok' }],
    ['a title over 120 characters', 'body.title', { ...goodReview, title: 'x'.repeat(121) }],
    ['a body under 10 characters', 'body.body', { ...goodReview, body: 'Too short' }],
    ['a body over 4000 characters', 'body.body', { ...goodReview, body: 'y'.repeat(4001) }],
    ['an unknown field', 'body.status', { ...goodReview, status: 'accepted' }],
  ])('When the body has %s, then 400 names %s and nothing is queued', async (_case, field, body) => {
    const before = await service.queues.depth();
    const productId = service.product();

    const reply = await service.submit(await service.shopper(), productId, body);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(await service.queues.depth()).toBe(before);
  });

  it('When the product id is malformed, then 400 names path.productId and nothing is queued', async () => {
    const before = await service.queues.depth();

    const reply = await service.submit(await service.shopper(), 'not-a-product');

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'path.productId' })]),
    });
    expect(await service.queues.depth()).toBe(before);
  });

  it('When there is no token, then 401 and nothing is queued', async () => {
    const before = await service.queues.depth();

    const reply = await call(service.url, 'POST', `/v1/products/${service.product()}/reviews`, {
      body: goodReview,
    });

    expect(reply.status).toBe(401);
    expect(await service.queues.depth()).toBe(before);
  });

  it('When the catalog does not know the product, then 404 and nothing is queued', async () => {
    const before = await service.queues.depth();

    const reply = await service.submit(await service.shopper(), 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XZZ');

    expect(reply.status).toBe(404);
    expect(await service.queues.depth()).toBe(before);
  });
});

describe('GET /v1/products/{productId}/reviews input', () => {
  it.each([
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a limit over 100', '?limit=101', 'query.limit'],
    ['a cursor that is not ours', '?cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
  ])('When the query has %s, then 400 names %s', async (_case, query, field) => {
    const reply = await service.list(service.product(), query);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });
});
