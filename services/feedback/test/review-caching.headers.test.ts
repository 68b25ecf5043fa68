import { PUBLIC_CACHE_CONTROL } from '@shopeasy/service-kit/read-cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedback, type FeedbackHarness } from './support/feedback-service.js';

let service: FeedbackHarness;
beforeAll(async () => {
  service = await startFeedback();
});
afterAll(() => service?.stop());

describe('what caches may keep of reviews', () => {
  it('When a product’s reviews are listed, then any cache may keep the page 5 seconds', async () => {
    const reply = await service.list(service.product());

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(PUBLIC_CACHE_CONTROL).toBe('public, max-age=5, stale-while-revalidate=10');
  });

  it('When an author submits a review or reads it back (pending or decided), then no cache may keep either answer', async () => {
    const author = await service.shopper();
    const submitted = await service.submit(author, service.product());
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get('cache-control')).toBe('no-store');

    const reply = await service.getReview(author, submitted.body.id);

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });
});
