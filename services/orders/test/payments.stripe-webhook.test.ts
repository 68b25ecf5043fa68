import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { callJson } from '@shopeasy/service-kit/testing';
import { keys } from '../src/data-access/keys.js';
import { deliverStripeEvent, signStripeEvent, stripeEvent } from '../src/payments/sandbox-webhooks.js';
import { subscribeToEvents, type EventQueue } from './support/events.js';
import { checkout, fillCart, newCustomer, newKey, type Customer } from './support/customers.js';
import { startOrders, startPeers, type OrdersService, type Peers } from './support/orders-service.js';

interface PaidOrder {
  id: string;
  customer: Customer;
  productId: string;
  reference: string;
}

let peers: Peers;
let service: OrdersService;
let events: EventQueue;

beforeAll(async () => {
  peers = await startPeers();
  service = await startOrders(peers);
  events = await subscribeToEvents(service.config.EVENTS_TOPIC_ARN);
});

afterAll(async () => {
  await events?.stop();
  await service?.stop();
  await peers?.stop();
});

/** A paid order for 2 units at 25.00 EUR out of 5 in stock. */
async function paidOrder(): Promise<PaidOrder> {
  const product = peers.catalog.addProduct({ stock: 5, price: { amount: 2500, currency: 'EUR' } });
  const customer = await newCustomer(peers);
  fillCart(peers, customer, [{ product, quantity: 2 }]);
  const reply = await checkout(service.url, customer, newKey());
  expect(reply.status).toBe(201);
  const reference = (reply.body.payment as { reference: string }).reference;
  return { id: reply.body.id, customer, productId: product.id, reference };
}

const refundOf = (order: PaidOrder, amount = 5000) =>
  stripeEvent('charge.refunded', {
    id: `ch_${order.id}`,
    object: 'charge',
    amount,
    amount_refunded: amount,
    refunded: true,
    currency: 'eur',
    payment_intent: order.reference,
  });

const intentEvent = (order: PaidOrder, type: string) =>
  stripeEvent(type, { id: order.reference, object: 'payment_intent', amount: 5000, currency: 'eur' });

async function viewOf(order: PaidOrder) {
  const { body } = await callJson<{ status: string; payment: { status: string } }>(
    service.url,
    'GET',
    `/v1/orders/${order.id}`,
    { token: order.customer.token },
  );
  return body;
}

async function publishedFor(orderId: string) {
  const all = await events.collect((seen) => seen.some((e) => JSON.stringify(e.data).includes(orderId)));
  return all.filter(
    (e) => (e.data as { orderId?: string }).orderId === orderId && e.type === 'order.cancelled',
  );
}

describe('Stripe webhooks', () => {
  it('When a full refund is delivered three times at once, then the order is cancelled and refunded once, its stock back and one order.cancelled published', async () => {
    const order = await paidOrder();
    const refund = refundOf(order);

    const statuses = await Promise.all([1, 2, 3].map(() => deliverStripeEvent(service.url, refund)));
    // A delivery that meets another one applying the event is told to come back (503), as Stripe does.
    const again = await Promise.all(
      statuses.filter((s) => s !== 200).map(() => deliverStripeEvent(service.url, refund)),
    );

    expect(statuses).toContain(200);
    for (const status of statuses) expect([200, 503]).toContain(status);
    expect(again.every((s) => s === 200)).toBe(true);
    expect(await viewOf(order)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(peers.catalog.product(order.productId).stock).toBe(5);
    const cancelled = await publishedFor(order.id);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.data).toMatchObject({ refunded: true, email: order.customer.email });
  });

  it('When the refund arrives before the payment’s success and failure events, then the order stays refunded', async () => {
    const order = await paidOrder();

    const statuses = [
      await deliverStripeEvent(service.url, refundOf(order)),
      await deliverStripeEvent(service.url, intentEvent(order, 'payment_intent.succeeded')),
      await deliverStripeEvent(service.url, intentEvent(order, 'payment_intent.payment_failed')),
      await deliverStripeEvent(service.url, intentEvent(order, 'payment_intent.canceled')),
    ];

    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(await viewOf(order)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
  });

  it('When the signature is wrong, too old or missing, then 400 problem+json and nothing changes; the same event signed properly applies', async () => {
    const order = await paidOrder();
    const refund = refundOf(order);
    const { payload } = signStripeEvent(refund);
    const post = (headers: Record<string, string>) =>
      fetch(`${service.url}/v1/payments/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });

    const wrongSecret = await deliverStripeEvent(service.url, refund, { secret: 'whsec_somebody_else' });
    const stale = await deliverStripeEvent(service.url, refund, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const missing = await post({});
    const tampered = await post({
      'stripe-signature': signStripeEvent({ ...refund, id: 'evt_other' }).signature,
    });

    expect([wrongSecret, stale, missing.status, tampered.status]).toEqual([400, 400, 400, 400]);
    expect(tampered.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await tampered.json()).toMatchObject({
      type: 'https://shopeasy.example/problems/invalid-webhook-signature',
    });
    expect(await viewOf(order)).toMatchObject({ status: 'paid', payment: { status: 'captured' } });
    expect(peers.catalog.product(order.productId).stock).toBe(3);
    expect(await deliverStripeEvent(service.url, refund)).toBe(200);
    expect(await viewOf(order)).toMatchObject({ status: 'cancelled' });
  });

  it('When an event names an unknown payment or another amount, then it is acknowledged and nothing changes', async () => {
    const order = await paidOrder();

    const unknown = await deliverStripeEvent(
      service.url,
      refundOf({ ...order, reference: 'pi_unknown_payment' }),
    );
    const otherAmount = await deliverStripeEvent(service.url, refundOf(order, 4000));
    const unhandled = await deliverStripeEvent(service.url, stripeEvent('customer.created', { id: 'cus_1' }));

    expect([unknown, otherAmount, unhandled]).toEqual([200, 200, 200]);
    expect(await viewOf(order)).toMatchObject({ status: 'paid', payment: { status: 'captured' } });
  });

  it('When Stripe sends an event with a top-level field it has added since, then the event is still applied', async () => {
    const order = await paidOrder();

    const status = await deliverStripeEvent(service.url, {
      ...refundOf(order),
      added_by_stripe_later: { v: 1 },
    });

    expect(status).toBe(200);
    expect(await viewOf(order)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
  });

  it('When a dispute is delivered twice, then it is recorded on the order once and the order stays paid', async () => {
    const order = await paidOrder();
    const dispute = stripeEvent('charge.dispute.created', {
      id: `dp_${order.id}`,
      object: 'dispute',
      amount: 5000,
      currency: 'eur',
      reason: 'fraudulent',
      payment_intent: order.reference,
    });

    const statuses = [
      await deliverStripeEvent(service.url, dispute),
      await deliverStripeEvent(service.url, dispute),
    ];

    expect(statuses).toEqual([200, 200]);
    const { Item } = await service.db.send(
      new GetCommand({
        TableName: service.config.ORDERS_TABLE,
        Key: keys.order(order.id),
        ConsistentRead: true,
      }),
    );
    expect(Item?.dispute).toMatchObject({ id: `dp_${order.id}`, reason: 'fraudulent' });
    expect(await viewOf(order)).toMatchObject({ status: 'paid' });
  });

  it('When the process that claimed an event died before applying it, then a redelivery after its claim lapsed applies it; before that, 503 and nothing changes', async () => {
    const order = await paidOrder();
    const refund = refundOf(order);
    const claim = (leaseUntil: number) =>
      service.db.send(
        new PutCommand({
          TableName: service.config.ORDERS_TABLE,
          Item: { ...keys.providerEvent(refund.id as string), state: 'applying', leaseUntil },
        }),
      );

    await claim(Date.now() + 60_000);
    expect(await deliverStripeEvent(service.url, refund)).toBe(503);
    expect(await viewOf(order)).toMatchObject({ status: 'paid', payment: { status: 'captured' } });

    await claim(Date.now() - 1);
    expect(await deliverStripeEvent(service.url, refund)).toBe(200);
    expect(await viewOf(order)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(await publishedFor(order.id)).toHaveLength(1);
  });
});
