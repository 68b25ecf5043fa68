// One round of buyers racing for a few units: each registers, puts one unit in the cart and checks
// out at the same moment as the others, retrying with its own Idempotency-Key until the answer is
// final. Those who paid then review the product.
import { randomUUID } from 'node:crypto';
import { json, newAccount, persist, type Account, type Client } from './client.js';

const shippingAddress = {
  name: 'Grace Hopper',
  line1: '1 Harbour Street',
  city: 'Dublin',
  postalCode: 'D02 X285',
  country: 'IE',
};

export interface RaceBuyer {
  account: Account;
  idempotencyKey: string;
  /** The final answer to the checkout (after retries), or undefined when none came. */
  checkout?: number;
  orderId?: string;
  /** The answer to the review, once paid (202, or 409 when a retried review had landed). */
  review?: number;
}

export interface Race {
  productId: string;
  units: number;
  buyers: RaceBuyer[];
}

export async function race(
  client: Client,
  options: { productId: string; buyers: number; units: number },
): Promise<Race> {
  const { productId } = options;
  const buyers = await Promise.all(
    Array.from({ length: options.buyers }, async (_, i): Promise<RaceBuyer> => {
      const account = await newAccount(client, `Chaos buyer ${i}`);
      const added = await persist(client, 'cart', '/v1/cart/items', {
        method: 'POST',
        token: account.token,
        body: { productId, quantity: 1 },
      });
      if (added?.status !== 201 && added?.status !== 200)
        throw new Error(`adding to a cart answered ${added?.status ?? 'nothing'}`);
      return { account, idempotencyKey: randomUUID() };
    }),
  );
  await Promise.all(
    buyers.map(async (buyer) => {
      const answer = await persist(client, 'checkout', '/v1/orders', {
        method: 'POST',
        token: buyer.account.token,
        idempotencyKey: buyer.idempotencyKey,
        body: { paymentMethodId: 'pm_card_visa', shippingAddress },
      });
      buyer.checkout = answer?.status;
      buyer.orderId = json<{ id: string }>(answer)?.id;
    }),
  );
  await Promise.all(
    buyers
      .filter((b) => b.checkout === 201)
      .map(async (buyer) => {
        const answer = await persist(client, 'review', `/v1/products/${productId}/reviews`, {
          method: 'POST',
          token: buyer.account.token,
          body: { rating: 4, title: 'Boils fast', body: 'Boils a litre in two minutes and pours cleanly.' },
        });
        buyer.review = answer?.status;
      }),
  );
  return { productId, units: options.units, buyers };
}
