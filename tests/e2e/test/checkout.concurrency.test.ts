import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { shippingAddress } from './support/catalog.js';
import { admin, clients, newShopper, type Clients, type Shopper } from './support/shopper.js';

const { gatewayUrl, env } = inject('stack');
// More buyers than units, all at once: the race itself. Its figures at the load target's size
// (100 buyers, 30 units, and how fast they settle) are `npm run load`'s to show.
const BUYERS = 40;
const UNITS = 12;
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

/** A product of the seeded demo catalog (the stack seeds it), restocked to `units`. */
async function seededProduct(units: number) {
  const anonymous = clients(gatewayUrl);
  const categories = await anonymous.categories.listCategories({ limit: 20 });
  const seeded = categories.items.find((c) => !c.name.startsWith('E2E '));
  if (!seeded) throw new Error('The demo catalog is not seeded');
  const page = await anonymous.products.listCategoryProducts({ categoryId: seeded.id, limit: 5 });
  const product = page.items[0]!;
  await adminApi.products.setProductStock({ productId: product.id, setStockRequest: { stock: units } });
  return product;
}

async function shoppersWithOneUnit(productId: string, count: number): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  // Ten at a time: registration hashes a password, and the point here is the checkout race.
  for (let i = 0; i < count; i += 10) {
    shoppers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
          const shopper = await newShopper(gatewayUrl, `Buyer ${i + j}`);
          await shopper.api.cart.addCartItem({ addCartItemRequest: { productId, quantity: 1 } });
          return shopper;
        }),
      )),
    );
  }
  return shoppers;
}

describe('checkout under contention on the seeded catalog', () => {
  it(`When ${BUYERS} buyers check out the last ${UNITS} units at once, then exactly ${UNITS} orders, ${BUYERS - UNITS} clean 409s, stock 0`, async () => {
    const product = await seededProduct(UNITS);
    const buyers = await shoppersWithOneUnit(product.id, BUYERS);

    const started = performance.now();
    const answers = await Promise.all(
      buyers.map(async (buyer) => {
        const res = await fetch(`${gatewayUrl}/v1/orders`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${buyer.accessToken}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ paymentMethodId: 'pm_card_visa', shippingAddress }),
        });
        const body = (await res.json()) as { status?: number; id?: string; type?: string };
        return { status: res.status, body, ms: performance.now() - started };
      }),
    );
    const settledMs = Math.max(...answers.map((a) => a.ms));
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    console.log(
      `${BUYERS} buyers for ${UNITS} units: ${count(201)} created, ${count(409)} conflicts, all settled in ${(settledMs / 1000).toFixed(1)} s`,
    );

    expect(answers.filter((a) => a.status >= 500).map((a) => a.body)).toEqual([]);
    expect(count(201)).toBe(UNITS);
    expect(count(409)).toBe(BUYERS - UNITS);
    for (const conflict of answers.filter((a) => a.status === 409)) {
      expect(conflict.body).toMatchObject({ status: 409, type: expect.stringMatching(/out-of-stock$/) });
    }

    const after = await clients(gatewayUrl).products.getProduct({ productId: product.id });
    expect(after.stock).toBe(0);
    const winners = answers.filter((a) => a.status === 201);
    expect(new Set(winners.map((a) => a.body.id)).size).toBe(UNITS);
  });
});
