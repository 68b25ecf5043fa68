import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { mapLimit, newShopper, type Clients } from './api.js';
import { ordersOnceSettled } from './buyer-orders.js';
import { checkOversell, type OversellVerdict } from './oversell.js';
import { percentile } from './stats.js';

export interface CheckoutFigures {
  productId: string;
  buyers: number;
  units: number;
  /** From the first checkout sent to the last answer (or give-up). */
  settledSeconds: number;
  /** From the first checkout sent until no buyer's order was pending_payment (or the wait ended). */
  ordersFinalAfterSeconds: number;
  /** Answers by status, e.g. { "201": 30, "409": 70 }. */
  statuses: Record<string, number>;
  /** Checkouts without an answer (connection error or timeout). */
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  oversell: OversellVerdict;
  /** CPU ms per checkout of each process, from the burst until every order settled. */
  cpu?: { perRequestMs: Record<string, number>; busy: number };
}

const SAMPLE_EVERY_MS = 50;

const shippingAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

/**
 * Many buyers, few units: a fresh product with `units` in stock, one unit in each buyer's cart,
 * then every buyer checks out at once (distinct idempotency keys). Afterwards each buyer's orders
 * (once settled) and the stock are read back to check that nothing was oversold; the stock is
 * also read in a loop from the first checkout until then.
 */
export async function checkoutUnderContention(options: {
  gatewayUrl: string;
  admin: Clients;
  buyers: number;
  units: number;
  timeoutSeconds: number;
  /** How long to wait for orders still pending_payment after the last answer. */
  settleWaitSeconds: number;
  log: (line: string) => void;
  /** Called just before the checkouts are sent (the capacity meter's reset). */
  beforeBurst?: () => Promise<void>;
  /** Called once every order settled, before the harness reads and deletes the product. */
  afterSettled?: (harness: { productId: string; stockReads: number }) => Promise<void>;
}): Promise<CheckoutFigures> {
  const { gatewayUrl, admin, buyers: count, units, log } = options;
  const category = await admin.categories.createCategory({
    createCategoryRequest: { name: `Load ${randomUUID().slice(0, 8)}` },
  });
  const product = await admin.products.createProduct({
    createProductRequest: {
      categoryId: category.id,
      name: `Contended kettle ${randomUUID().slice(0, 6)}`,
      description: 'Few units, many buyers.',
      price: { amount: 3999, currency: 'EUR' },
      stock: units,
    },
  });
  log(`  ${count} buyers register and put 1 unit of ${product.id} (${units} in stock) in their carts…`);
  const buyers = await mapLimit(Array.from({ length: count }), 8, async (_, i) => {
    const buyer = await newShopper(gatewayUrl, `Load buyer ${i}`);
    await buyer.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });
    return buyer;
  });

  const stockBefore = (await admin.products.getProduct({ productId: product.id })).stock;
  await options.beforeBurst?.();
  let burstOver = false;
  const stockSamples: number[] = [];
  let stockReads = 0;
  // Every 50 ms: often enough to catch stock below zero, seldom enough not to load the stack
  // (back to back, the sampler took a quarter of the machine during the burst).
  const sampler = (async () => {
    while (!burstOver) {
      stockReads += 1;
      const read = await admin.products.getProduct({ productId: product.id }).catch(() => undefined);
      if (read && !burstOver) stockSamples.push(read.stock);
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  const started = performance.now();
  const answers = await Promise.all(
    buyers.map(async (buyer) => {
      const sent = performance.now();
      try {
        const res = await fetch(`${gatewayUrl}/v1/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${buyer.accessToken}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ paymentMethodId: 'pm_card_visa', shippingAddress }),
          signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
        });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - sent };
      } catch {
        return { status: undefined, ms: performance.now() - sent };
      }
    }),
  );
  const settledSeconds = (performance.now() - started) / 1000;
  log(`  answered in ${settledSeconds.toFixed(2)} s; reading every buyer's orders until none is pending…`);
  const { orders, waitedSeconds } = await ordersOnceSettled(buyers, product.id, options.settleWaitSeconds);
  burstOver = true;
  await sampler;
  await options.afterSettled?.({ productId: product.id, stockReads });
  const stockAfter = (await admin.products.getProduct({ productId: product.id })).stock;
  // Its orders keep their copy; the catalog the next run loads stays the seeded one.
  await admin.products.deleteProduct({ productId: product.id }).catch(() => undefined);
  const statuses: Record<string, number> = {};
  for (const { status } of answers) if (status !== undefined) statuses[status] = (statuses[status] ?? 0) + 1;
  const latencies = answers.map((a) => a.ms);
  return {
    productId: product.id,
    buyers: count,
    units,
    settledSeconds,
    ordersFinalAfterSeconds: settledSeconds + waitedSeconds,
    statuses,
    errors: answers.filter((a) => a.status === undefined).length,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
    },
    oversell: checkOversell({
      stockBefore,
      stockAfter,
      created: statuses['201'] ?? 0,
      orders,
      stockSamples,
    }),
  };
}
