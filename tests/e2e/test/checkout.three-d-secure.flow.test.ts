import { createHmac, randomUUID } from 'node:crypto';
import { waitForSentEmails } from '@shopeasy/notifications/local';
import { callJson } from '@shopeasy/service-kit/testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productInStock, shippingAddress } from './support/catalog.js';
import { admin, clients, newShopper, type Clients, type Shopper } from './support/shopper.js';

const { gatewayUrl, endpoint, env } = inject('stack');
let adminApi: Clients;

beforeAll(async () => {
  adminApi = await admin(gatewayUrl, env);
});

// The local stack's webhook signing secret (README, "Payments locally"), as Stripe signs: v1 = HMAC-SHA256
// of `<timestamp>.<body>`.
const LOCAL_WEBHOOK_SECRET = 'whsec_shopeasy_local';

/** Delivers an event to the API's webhook as Stripe would, signed with `secret`; answers the status. */
async function deliver(event: object, secret = LOCAL_WEBHOOK_SECRET): Promise<number> {
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const response = await fetch(`${gatewayUrl}/v1/payments/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** The storefront's part of 3-D Secure, played by the local payment sandbox (README, "Payments locally"). */
const authenticate = (reference: string, action: 'complete-action' | 'fail-action') =>
  callJson<{ event: { id: string }; webhook: { url: string; status: number } }>(
    env.ORDERS_URL!,
    'POST',
    `/sandbox/payment-intents/${reference}/${action}`,
  );

const stockOf = async (productId: string) =>
  (await clients(gatewayUrl).products.getProduct({ productId })).stock;

/** A shopper with 2 of a product (5 in stock) checking out with a card that asks for 3-D Secure. */
async function checkoutNeedingAuthentication() {
  const product = await productInStock(adminApi, 5, 2599);
  const shopper = await newShopper(gatewayUrl, 'Ada Secure');
  await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 2 } });
  const request = {
    idempotencyKey: randomUUID(),
    checkoutRequest: { paymentMethodId: 'pm_card_threeDSecure2Required', shippingAddress },
  };
  const answer = await shopper.api.orders.createOrderRaw(request);
  return { product, shopper, request, status: answer.raw.status, order: await answer.value() };
}

const intentEvent = (type: string, reference: string, extra: object = {}) => ({
  id: `evt_e2e_${randomUUID().replaceAll('-', '')}`,
  object: 'event',
  type,
  created: Math.floor(Date.now() / 1000) - 60,
  data: { object: { id: reference, object: 'payment_intent', amount: 5198, currency: 'eur', ...extra } },
});

const confirmations = async (shopper: Shopper, orderId: string) =>
  (await waitForSentEmails(endpoint, shopper.email, { count: 2 })).filter(
    (e) => e.subject === `Your ShopEasy order ${orderId} is confirmed`,
  );

describe('3-D Secure checkout through the gateway', () => {
  it('When the shopper authenticates, then the signed webhook pays one order, delivered three times and out of order, with the stock taken once; a bad signature changes nothing', async () => {
    const { product, shopper, request, status, order } = await checkoutNeedingAuthentication();
    expect(status).toBe(202);
    expect(order).toMatchObject({
      status: 'awaiting_payment_action',
      payment: { status: 'requires_action' },
    });
    expect(order.payment.clientSecret).toMatch(/^pi_.+_secret_.+$/);
    expect(await stockOf(product.id)).toBe(3);
    const reference = order.payment.reference!;

    const forged = intentEvent('payment_intent.succeeded', reference, { status: 'succeeded' });
    expect(await deliver(forged, 'whsec_not_the_shops')).toBe(400);
    expect((await shopper.api.orders.getOrder({ orderId: order.id })).status).toBe('awaiting_payment_action');

    // Stripe's own event sequence, late and repeated: the success three times, then the events
    // of the authentication that came before it.
    const deliveries = [
      await authenticate(reference, 'complete-action'),
      await authenticate(reference, 'complete-action'),
      await authenticate(reference, 'complete-action'),
    ];
    const late = [
      await deliver(intentEvent('payment_intent.requires_action', reference, { status: 'requires_action' })),
      await deliver(
        intentEvent('payment_intent.payment_failed', reference, {
          status: 'requires_payment_method',
          last_payment_error: { code: 'payment_intent_authentication_failure' },
        }),
      ),
    ];

    expect(deliveries.map((d) => d.body.webhook.status)).toEqual([200, 200, 200]);
    // As Stripe reaches the API: through the gateway (API Gateway in the cloud).
    expect(deliveries[0]!.body.webhook.url).toBe(`${env.GATEWAY_URL}/v1/payments/stripe/webhook`);
    expect(new Set(deliveries.map((d) => d.body.event.id)).size).toBe(1);
    expect(late).toEqual([200, 200]);
    expect(await shopper.api.orders.getOrder({ orderId: order.id })).toMatchObject({
      status: 'paid',
      payment: { status: 'captured', reference },
    });
    expect((await shopper.api.orders.listOrders({})).items.map((o) => o.id)).toEqual([order.id]);
    expect(await stockOf(product.id)).toBe(3);
    expect(await confirmations(shopper, order.id)).toHaveLength(1);
    // The storefront's retry with its key answers the decision and empties the cart.
    const replay = await shopper.api.orders.createOrderRaw(request);
    expect(replay.raw.status).toBe(201);
    expect((await shopper.api.cart.getCart()).items).toEqual([]);
  });

  it('When the authentication fails, then the order is payment_failed, its stock released and the cart kept', async () => {
    const { product, shopper, order } = await checkoutNeedingAuthentication();

    const failed = await authenticate(order.payment.reference!, 'fail-action');

    expect(failed.body.webhook.status).toBe(200);
    expect(await shopper.api.orders.getOrder({ orderId: order.id })).toMatchObject({
      status: 'payment_failed',
      payment: { status: 'declined' },
    });
    expect(await stockOf(product.id)).toBe(5);
    expect((await shopper.api.cart.getCart()).items.map((i) => i.quantity)).toEqual([2]);
  });
});
