import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_A_BUYER } from '../src/domain/process-review.js';
import {
  goodReview,
  startFeedback,
  type FeedbackHarness,
  type Review,
  type Shopper,
} from './support/feedback-service.js';
import { call } from './support/http.js';

let service: FeedbackHarness;
beforeAll(async () => {
  service = await startFeedback();
});
afterAll(() => service?.stop());

async function decidedReview(accepted: boolean): Promise<{ author: Shopper; review: Review }> {
  const productId = service.product();
  const author = accepted ? await service.buyerOf(productId) : await service.shopper();
  const reply = await service.submit(author, productId);
  return { author, review: await service.decided(author, reply.body.id) };
}

describe('GET /v1/reviews/{reviewId}', () => {
  it('When the author asks for a rejected review, then it is shown with its reason', async () => {
    const { author, review } = await decidedReview(false);

    const reply = await service.getReview(author, review.id);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: review.id, status: 'rejected', rejectionReason: NOT_A_BUYER });
  });

  it("When an admin asks for someone else's rejected review, then it is shown with its reason", async () => {
    const { review } = await decidedReview(false);

    const reply = await service.getReview(await service.shopper('admin'), review.id);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: review.id, status: 'rejected', rejectionReason: NOT_A_BUYER });
  });

  it('When another customer asks for a rejected review, then 404', async () => {
    const { review } = await decidedReview(false);

    const reply = await service.getReview(await service.shopper(), review.id);

    expect(reply.status).toBe(404);
    expect(reply.body).not.toHaveProperty('rejectionReason');
  });

  it('When another customer asks for a pending review, then 404, while its author sees it pending', async () => {
    await service.stopWorker();
    try {
      const productId = service.product();
      const author = await service.buyerOf(productId);
      const { body } = await service.submit(author, productId);

      expect((await service.getReview(await service.shopper(), body.id)).status).toBe(404);
      expect((await service.getReview(author, body.id)).body).toMatchObject({ status: 'pending' });
    } finally {
      service.startWorker();
    }
  });

  it('When another customer asks for an accepted review, then it is shown', async () => {
    const { review } = await decidedReview(true);

    const reply = await service.getReview(await service.shopper(), review.id);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(review);
  });

  it('When the review does not exist, then 404; without a token, 401', async () => {
    const unknown = 'rev_01J9Z6R1S2T3V4W5X6Y7Z8A9ZZ';

    expect((await service.getReview(await service.shopper('admin'), unknown)).status).toBe(404);
    expect((await call(service.url, 'GET', `/v1/reviews/${unknown}`)).status).toBe(401);
  });
});

describe('GET /v1/products/{productId}/reviews', () => {
  it('When a product has five accepted reviews, then pages of two list each once, newest first, the last without a cursor', async () => {
    const productId = service.product();
    const buyers = await Promise.all([1, 2, 3, 4, 5].map(() => service.buyerOf(productId)));
    const accepted: Review[] = [];
    for (const [i, buyer] of buyers.entries()) {
      const { body } = await service.submit(buyer, productId, { ...goodReview, rating: i + 1 });
      accepted.push(await service.decided(buyer, body.id));
    }
    const stranger = await service.shopper();
    await service.decided(stranger, (await service.submit(stranger, productId)).body.id);

    const pages: Array<{ items: Review[]; nextCursor?: string }> = [];
    let query = '?limit=2';
    for (let round = 0; round < 5; round += 1) {
      const reply = await service.list(productId, query);
      expect(reply.status).toBe(200);
      pages.push(reply.body);
      if (!reply.body.nextCursor) break;
      query = `?limit=2&cursor=${reply.body.nextCursor}`;
    }

    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.at(-1)).not.toHaveProperty('nextCursor');
    const newestFirst = [...accepted].sort((a, b) =>
      `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`),
    );
    expect(pages.flatMap((p) => p.items)).toEqual(newestFirst);
  });

  it('When a product the catalog knows has no accepted reviews, then an empty page', async () => {
    const reply = await service.list(service.product());

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [] });
  });
});
