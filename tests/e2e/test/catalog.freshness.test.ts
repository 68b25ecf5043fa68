import { randomUUID } from 'node:crypto';
import { buildDemoCatalog } from '@shopeasy/catalog/demo-catalog';
import { eventually } from '@shopeasy/service-kit/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { shippingAddress } from './support/catalog.js';
import { admin, clients, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl, env } = inject('stack');
let adminApi: Clients;

/** The contract's "within seconds": the catalog's 2 s cache under the 5 s max-age of its answers. */
const CONVERGED = { timeoutMs: 7_000, intervalMs: 100 };

/** A seeded product of a department no other flow or contract example writes to. */
function seededGardenProduct() {
  const demo = buildDemoCatalog();
  const garden = demo.categories.find((c) => c.category.name === 'Garden')!.category.id;
  return demo.products.find((p) => p.categoryId === garden)!;
}

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

/** The product page as an anonymous shopper's browser reads it through the gateway. */
const page = (productId: string) => clients(gatewayUrl).products.getProduct({ productId });

/** How long until the page shows what `shows` expects; fails past the contract's seconds. */
async function secondsUntil(productId: string, shows: (p: Awaited<ReturnType<typeof page>>) => void) {
  const started = Date.now();
  await eventually(async () => shows(await page(productId)), CONVERGED);
  return (Date.now() - started) / 1000;
}

describe('product pages stay fresh with the read cache on', () => {
  it('When stock is set, a shopper adds to the cart and checks out, then the seeded product page shows each change within seconds', async () => {
    const product = seededGardenProduct();
    const raw = await fetch(`${gatewayUrl}/v1/products/${product.id}`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=10');
    const before = await page(product.id);

    await adminApi.products.setProductStock({ productId: product.id, setStockRequest: { stock: 40 } });
    const afterStockSet = await secondsUntil(product.id, (p) => expect(p.stock).toBe(40));

    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 2 } });
    const inCarts = before.availability?.inCarts ?? 0;
    const afterCartAdd = await secondsUntil(product.id, (p) =>
      expect(p.availability?.inCarts).toBe(inCarts + 2),
    );

    const order = await shopper.api.orders.createOrder({
      idempotencyKey: randomUUID(),
      checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress },
    });
    expect(order.status).toBe('paid');
    const afterCheckout = await secondsUntil(product.id, (p) => expect(p.stock).toBe(38));

    console.info(
      { afterStockSet, afterCartAdd, afterCheckout },
      'seconds until the product page showed each change',
    );
  });
});
