import { startServer } from '@shopeasy/service-kit/http';
import { newId } from '@shopeasy/service-kit/ids';
import { createLogger } from '@shopeasy/service-kit/telemetry';
import { eventually, startTestIssuer, type TestIssuer } from '@shopeasy/service-kit/testing';
import { buildApp, loadFeedbackConfig, wireFeedback, type FeedbackConfig } from '../../src/index.js';
import { call, WORKER_PATIENCE, type Reply } from './http.js';
import { createReviewQueues, type ReviewQueues } from './queues.js';
import { startStubCatalog, startStubOrders, type StubCatalog, type StubOrders } from './stub-peers.js';

export const INTERNAL_KEY = 'feedback-tests-internal-key';

export interface Review {
  id: string;
  productId: string;
  userId: string;
  status: 'pending' | 'accepted' | 'rejected';
  rating: number;
  title: string;
  body: string;
  rejectionReason?: string;
  createdAt: string;
}

export interface Shopper {
  userId: string;
  token: string;
}

export const goodReview = {
  rating: 5,
  title: 'Great grip on wet trails',
  body: 'Ran 40 km in these on muddy trails; they held firm.',
};

/**
 * The feedback service in-process on a free port, against the emulator the global setup
 * started, with a queue and DLQ of its own, stub orders and catalog services, and a token
 * issuer. The worker runs unless `worker: false`; tests can stop and start it.
 */
export async function startFeedback(options: { worker?: boolean } = {}) {
  const issuer: TestIssuer = await startTestIssuer();
  const orders: StubOrders = await startStubOrders(INTERNAL_KEY);
  const catalog: StubCatalog = await startStubCatalog();
  const queues: ReviewQueues = await createReviewQueues();
  const config: FeedbackConfig = loadFeedbackConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    JWKS_URL: issuer.jwksUrl,
    ORDERS_URL: orders.url,
    CATALOG_URL: catalog.url,
    INTERNAL_API_KEY: INTERNAL_KEY,
    FEEDBACK_QUEUE_URL: queues.queueUrl,
    WORKER_WAIT_SECONDS: '1',
    WORKER_RETRY_BASE_SECONDS: '0',
  });
  const logger = createLogger('feedback', process.env.TEST_LOG_LEVEL ?? 'silent');
  const wired = wireFeedback(config, logger, { metrics: false });
  const server = await startServer(await buildApp(wired.deps), 0);
  // The worker polls from the start unless a test starts it later (startWorker).
  let worker = options.worker !== false ? wired.start() : undefined;
  const url = server.url;

  const shopper = async (role: 'customer' | 'admin' = 'customer'): Promise<Shopper> => {
    const userId = newId('usr');
    return { userId, token: await issuer.token({ userId, role }) };
  };

  return {
    url,
    config,
    orders,
    catalog,
    queues,
    shopper,
    /** A product the catalog knows. */
    product() {
      const productId = newId('prd');
      catalog.add(productId);
      return productId;
    },
    /** A customer with a paid order of the product. */
    async buyerOf(productId: string) {
      const buyer = await shopper();
      orders.bought(buyer.userId, productId);
      return buyer;
    },
    submit: (who: Shopper, productId: string, body: unknown = goodReview) =>
      call<Review>(url, 'POST', `/v1/products/${productId}/reviews`, { token: who.token, body }),
    getReview: (who: Shopper, reviewId: string) =>
      call<Review>(url, 'GET', `/v1/reviews/${reviewId}`, { token: who.token }),
    list: (productId: string, query = '') =>
      call<{ items: Review[]; nextCursor?: string }>(url, 'GET', `/v1/products/${productId}/reviews${query}`),
    /** Waits until the worker has decided the review, as its author sees it. */
    decided: (who: Shopper, reviewId: string) =>
      eventually(async () => {
        const reply: Reply<Review> = await call<Review>(url, 'GET', `/v1/reviews/${reviewId}`, {
          token: who.token,
        });
        if (reply.body?.status === 'pending' || reply.status !== 200)
          throw new Error(`review ${reviewId} not decided`);
        return reply.body;
      }, WORKER_PATIENCE),
    startWorker: () => {
      worker = wired.start();
    },
    stopWorker: async () => worker?.stop(),
    async stop() {
      await worker?.stop();
      await server.close(1000);
      await wired.close();
      await Promise.all([issuer.stop(), orders.stop(), catalog.stop(), queues.remove()]);
    },
  };
}

export type FeedbackHarness = Awaited<ReturnType<typeof startFeedback>>;
