import { randomUUID } from 'node:crypto';
import { waitForSentEmails } from '@shopeasy/notifications/local';
import { eventually } from '@shopeasy/service-kit/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productInStock, shippingAddress, STACK_WAIT } from './support/catalog.js';
import { admin, clients, failure, newShopper, type Clients } from './support/shopper.js';

const { gatewayUrl, endpoint, env } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

const stockOf = async (productId: string) =>
  (await clients(gatewayUrl).products.getProduct({ productId })).stock;

describe('shopping through the gateway', () => {
  it('When a shopper buys with pm_card_visa and reviews, then order, emails and rating all follow', async () => {
    const product = await productInStock(adminApi, 5, 2599);
    const shopper = await newShopper(gatewayUrl, 'Ada Buyer');
    const welcome = await waitForSentEmails(endpoint, shopper.email);
    expect(welcome[0]!.subject.toLowerCase()).toContain('welcome');

    const found = await clients(gatewayUrl).products.listProducts({ q: product.name.split(' ')[2]! });
    expect(found.items.map((p) => p.id)).toContain(product.id);
    const cart = await shopper.api.cart.addCartItem({
      addCartItemRequest: { productId: product.id, quantity: 2 },
    });
    expect(cart.total).toEqual({ amount: 5198, currency: 'EUR' });

    const order = await shopper.api.orders.createOrder({
      idempotencyKey: randomUUID(),
      checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress },
    });
    expect(order).toMatchObject({ status: 'paid', total: { amount: 5198, currency: 'EUR' } });
    expect(await stockOf(product.id)).toBe(3);
    expect((await shopper.api.cart.getCart()).items).toEqual([]);

    const emails = await waitForSentEmails(endpoint, shopper.email, { count: 2 });
    expect(emails.map((e) => e.subject)).toContain(`Your ShopEasy order ${order.id} is confirmed`);
    const history = await shopper.api.orders.listOrders({});
    expect(history.items.map((o) => o.id)).toContain(order.id);

    const review = await shopper.api.reviews.createReview({
      productId: product.id,
      createReviewRequest: {
        rating: 4,
        title: 'Solid mug',
        body: 'Kept my tea warm on a cold morning hike.',
      },
    });
    expect(review.status).toBe('pending');
    const accepted = await eventually(async () => {
      const current = await shopper.api.reviews.getReview({ reviewId: review.id });
      expect(current.status, 'the review is moderated').not.toBe('pending');
      return current;
    }, STACK_WAIT);
    expect(accepted.status).toBe('accepted');
    const rated = await eventually(async () => {
      const current = await clients(gatewayUrl).products.getProduct({ productId: product.id });
      expect(current.rating.count, 'the review counts in the rating').toBe(1);
      return current;
    }, STACK_WAIT);
    expect(rated.rating).toEqual({ average: 4, count: 1 });
    const listed = await clients(gatewayUrl).reviews.listProductReviews({ productId: product.id });
    expect(listed.items.map((r) => r.id)).toEqual([review.id]);
  });

  it('When the card is declined, then 402 and the stock is unchanged', async () => {
    const product = await productInStock(adminApi, 4);
    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 3 } });
    for (const paymentMethodId of ['pm_card_chargeDeclined', 'pm_card_chargeDeclinedInsufficientFunds']) {
      const declined = await failure(
        shopper.api.orders.createOrder({
          idempotencyKey: randomUUID(),
          checkoutRequest: { paymentMethodId, shippingAddress },
        }),
      );
      expect(declined.status).toBe(402);
      expect(declined.problem.status).toBe(402);
      expect(await stockOf(product.id)).toBe(4);
    }
    const orders = await shopper.api.orders.listOrders({});
    expect(orders.items.some((o) => o.status === 'paid')).toBe(false);
  });

  it('When a paid order is cancelled, then stock comes back once, one cancellation email, and it cannot ship', async () => {
    const product = await productInStock(adminApi, 6);
    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 2 } });
    const order = await shopper.api.orders.createOrder({
      idempotencyKey: randomUUID(),
      checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress },
    });
    expect(await stockOf(product.id)).toBe(4);
    const cancelled = await shopper.api.orders.cancelOrder({ orderId: order.id });
    expect(['cancelled', 'refunded']).toContain(cancelled.status);
    expect(await stockOf(product.id)).toBe(6);
    const emails = await waitForSentEmails(endpoint, shopper.email, { count: 3 });
    expect(emails.map((e) => e.subject)).toContain(`Your ShopEasy order ${order.id} has been cancelled`);
    // A retried cancel changes nothing twice; shipping a cancelled order is a forbidden transition.
    const again = await shopper.api.orders.cancelOrder({ orderId: order.id });
    expect(again.status).toBe(cancelled.status);
    expect(await stockOf(product.id)).toBe(6);
    const ship = await failure(adminApi.orders.shipOrder({ orderId: order.id }));
    expect(ship.status).toBe(409);
    const cancellations = (await waitForSentEmails(endpoint, shopper.email, { count: 3 })).filter((e) =>
      e.subject.includes('has been cancelled'),
    );
    expect(cancellations).toHaveLength(1);
  });

  it('When the same checkout is retried with its key, then one order and the same answer', async () => {
    const product = await productInStock(adminApi, 5);
    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 1 } });
    const idempotencyKey = randomUUID();
    const request = { idempotencyKey, checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress } };
    const first = await shopper.api.orders.createOrder(request);
    const second = await shopper.api.orders.createOrder(request);
    expect(second.id).toBe(first.id);
    expect((await shopper.api.orders.listOrders({})).items).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(4);
  });
});
