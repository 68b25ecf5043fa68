import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '@shopeasy/service-kit/testing';
import { sandboxLedger } from '../src/payments/sandbox-ledger.js';
import { deliverStripeEvent, stripeEvent } from '../src/payments/sandbox-webhooks.js';
import { adminToken, checkout, checkoutBody, fillCart, newCustomer, newKey } from './support/customers.js';
import { subscribeToEvents, type EventQueue } from './support/events.js';
import {
  recoveryOf,
  sandboxCharge,
  startOrders,
  startPeers,
  testClock,
  type OrdersService,
  type Peers,
} from './support/orders-service.js';

interface Payment {
  status: string;
  reference: string;
  clientSecret?: string;
  actionExpiresAt?: string;
  declineCode?: string;
}
type OrderBody = { id: string; status: string; payment: Payment };

const clock = testClock();
let peers: Peers;
let service: OrdersService;
let events: EventQueue;

beforeAll(async () => {
  peers = await startPeers();
  // Recovery is run by hand (runOnce); its stale margin is left at 0 so the deadline alone decides.
  service = await startOrders(peers, { clock, env: { RECOVERY_STALE_SECONDS: '0' } });
  events = await subscribeToEvents(service.config.EVENTS_TOPIC_ARN);
});

afterAll(async () => {
  await events?.stop();
  await service?.stop();
  await peers?.stop();
});

/** A checkout of 2 units at 25.00 EUR out of 5 in stock with a card that asks for 3-D Secure. */
async function awaitingOrder() {
  const product = peers.catalog.addProduct({ stock: 5, price: { amount: 2500, currency: 'EUR' } });
  const customer = await newCustomer(peers);
  fillCart(peers, customer, [{ product, quantity: 2 }]);
  const key = newKey();
  const body = checkoutBody('pm_card_threeDSecure2Required');
  const reply = await checkout(service.url, customer, key, body);
  const order = reply.body as unknown as OrderBody;
  return { reply, order, customer, key, body, productId: product.id };
}

const act = (reference: string, action: 'complete-action' | 'fail-action') =>
  callJson<{ event: { id: string; type: string }; webhook: { status: number } }>(
    service.url,
    'POST',
    `/sandbox/payment-intents/${reference}/${action}`,
  );

const viewAs = async (orderId: string, token: string) =>
  (await callJson<OrderBody>(service.url, 'GET', `/v1/orders/${orderId}`, { token })).body;

describe('payments that ask for 3-D Secure', () => {
  it('When the card asks for authentication, then 202 with the client secret and the stock held; completing it pays the order once, however often and late the webhooks come', async () => {
    const { reply, order, customer, key, body, productId } = await awaitingOrder();

    expect(reply.status).toBe(202);
    expect(order).toMatchObject({
      status: 'awaiting_payment_action',
      payment: { status: 'requires_action' },
    });
    expect(order.payment.clientSecret).toMatch(/^pi_.+_secret_.+$/);
    const expiresIn = Date.parse(order.payment.actionExpiresAt!) - clock.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(peers.catalog.reservation(order.id)?.status).toBe('reserved');
    expect(peers.catalog.product(productId).stock).toBe(3);
    // The secret is the customer's own: an admin reading the order does not get it.
    expect((await viewAs(order.id, customer.token)).payment.clientSecret).toBe(order.payment.clientSecret);
    expect((await viewAs(order.id, await adminToken(peers))).payment.clientSecret).toBeUndefined();

    const done = await act(order.payment.reference, 'complete-action');
    // The same event again (the sandbox redelivers it under its id), and a stale failure after it.
    const again = [
      await act(order.payment.reference, 'complete-action'),
      await act(order.payment.reference, 'complete-action'),
    ];
    const stale = stripeEvent('payment_intent.payment_failed', {
      id: order.payment.reference,
      object: 'payment_intent',
      amount: 5000,
      currency: 'eur',
      last_payment_error: { code: 'payment_intent_authentication_failure' },
    });
    const staleStatus = await deliverStripeEvent(service.url, stale);

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      event: { type: 'payment_intent.succeeded' },
      webhook: { status: 200 },
    });
    expect(again.map((r) => [r.status, r.body.event.id, r.body.webhook.status])).toEqual([
      [200, done.body.event.id, 200],
      [200, done.body.event.id, 200],
    ]);
    expect(staleStatus).toBe(200);
    expect(await viewAs(order.id, customer.token)).toMatchObject({
      status: 'paid',
      payment: { status: 'captured', reference: order.payment.reference },
    });
    expect((await sandboxCharge(service, order.id))?.status).toBe('succeeded');
    expect(service.chargeCalls.filter((k) => k === order.id)).toHaveLength(1);
    expect(peers.catalog.reservation(order.id)?.status).toBe('confirmed');
    expect(peers.catalog.product(productId).stock).toBe(3);
    const paid = await events.collect((seen) =>
      seen.some((e) => e.type === 'order.paid' && JSON.stringify(e.data).includes(order.id)),
    );
    expect(
      paid.filter((e) => e.type === 'order.paid' && (e.data as { orderId: string }).orderId === order.id),
    ).toHaveLength(1);
    // The storefront's retry with its key now answers the decision, and empties the cart.
    const replay = await checkout(service.url, customer, key, body);
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ id: order.id, status: 'paid' });
    expect(peers.cart.cart(customer.userId)).toEqual([]);
  });

  it('When the authentication fails, then the order is payment_failed, its stock released, the payment cancelled, and a retry answers 402', async () => {
    const { order, customer, key, body, productId } = await awaitingOrder();

    const failed = await act(order.payment.reference, 'fail-action');

    expect(failed.body).toMatchObject({
      event: { type: 'payment_intent.payment_failed' },
      webhook: { status: 200 },
    });
    expect(await viewAs(order.id, customer.token)).toMatchObject({
      status: 'payment_failed',
      payment: { status: 'declined' },
    });
    expect(peers.catalog.product(productId).stock).toBe(5);
    expect((await sandboxCharge(service, order.id))?.status).toBe('canceled');
    expect((await checkout(service.url, customer, key, body)).status).toBe(402);
    // Nothing can complete it afterwards.
    expect((await act(order.payment.reference, 'complete-action')).status).toBe(409);
  });

  it('When the customer cancels while the payment waits for authentication, then the payment is cancelled and the stock released', async () => {
    const { order, customer, productId } = await awaitingOrder();

    const cancelled = await callJson<OrderBody>(service.url, 'POST', `/v1/orders/${order.id}/cancel`, {
      token: customer.token,
    });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'declined' } });
    expect(cancelled.body.payment.clientSecret).toBeUndefined();
    expect(peers.catalog.product(productId).stock).toBe(5);
    expect((await sandboxCharge(service, order.id))?.status).toBe('canceled');
  });

  it('When the customer does not authenticate in time, then recovery cancels the order and the payment and releases the stock', async () => {
    const { order, customer, productId } = await awaitingOrder();
    const sweeper = recoveryOf(service);
    try {
      await sweeper.runOnce();
      expect((await viewAs(order.id, customer.token)).status).toBe('awaiting_payment_action');

      clock.advance(Date.parse(order.payment.actionExpiresAt!) - clock.now() + 1000);
      await sweeper.runOnce();
    } finally {
      await sweeper.stop();
    }

    const expired = await viewAs(order.id, customer.token);
    expect(expired).toMatchObject({ status: 'cancelled', payment: { status: 'declined' } });
    expect(expired.payment.clientSecret).toBeUndefined();
    expect(peers.catalog.product(productId).stock).toBe(5);
    expect((await sandboxCharge(service, order.id))?.status).toBe('canceled');
    expect((await act(order.payment.reference, 'complete-action')).status).toBe(409);
  });

  it('When the payment went through just before its deadline but its webhook had not come, then the expiry refunds it', async () => {
    const { order, customer, productId } = await awaitingOrder();
    // Stripe took the money; its webhook is still on the way.
    await sandboxLedger(service.db, service.config.ORDERS_TABLE).move(
      order.payment.reference,
      ['requires_action'],
      {
        status: 'succeeded',
      },
    );
    const sweeper = recoveryOf(service);
    try {
      clock.advance(Date.parse(order.payment.actionExpiresAt!) - clock.now() + 1000);
      await sweeper.runOnce();
    } finally {
      await sweeper.stop();
    }
    const late = await act(order.payment.reference, 'complete-action');

    expect(late.body.webhook.status).toBe(200);
    expect(await viewAs(order.id, customer.token)).toMatchObject({
      status: 'cancelled',
      payment: { status: 'refunded' },
    });
    expect(peers.catalog.product(productId).stock).toBe(5);
  });
});
