import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startStack, type Stack } from '@shopeasy/local-stack';
import { eventually } from '@shopeasy/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productInStock, shippingAddress, STACK_WAIT } from '../../e2e/test/support/catalog.js';
import { startPrismProxy, type PrismProxy } from '../../e2e/test/support/prism-proxy.js';
import { admin, clients, newShopper } from '../../e2e/test/support/shopper.js';

let stack: Stack;
let gatewayUrl: string;
let prism: PrismProxy | undefined;

beforeAll(async () => {
  stack = await startStack({
    ports: 'free',
    only: ['users', 'catalog', 'cart', 'orders', 'gateway'],
    env: {
      // A slow provider answer gives the test a window in which the process dies mid-checkout.
      SANDBOX_PAYMENT_DELAY_MS: '4000',
      CHECKOUT_LEASE_MS: '1000',
      THROTTLE_BURST: '2000',
      LOG_LEVEL: 'warn',
    },
  });
  // E2E_THROUGH_PRISM=1: through the validating proxy, as the flows are.
  if (process.env.E2E_THROUGH_PRISM === '1') prism = await startPrismProxy(stack.gatewayUrl!, stack.logDir);
  gatewayUrl = prism?.url ?? stack.gatewayUrl!;
});

afterAll(async () => {
  const violations = prism?.violations() ?? [];
  await prism?.stop();
  await stack?.stop();
  expect(violations).toEqual([]);
});

async function sandboxCharges(orderIds: string[]): Promise<number> {
  const dynamo = new DynamoDBClient({
    endpoint: stack.endpoint,
    region: stack.env.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { Items = [] } = await dynamo.send(
    new ScanCommand({
      TableName: stack.env.ORDERS_TABLE,
      FilterExpression: 'begins_with(pk, :charge)',
      ExpressionAttributeValues: { ':charge': { S: 'SANDBOX_CHARGE#' } },
    }),
  );
  dynamo.destroy();
  return Items.filter((item) => orderIds.some((id) => item.pk?.S === `SANDBOX_CHARGE#${id}`)).length;
}

describe('the orders service dies mid-checkout', () => {
  it('When orders is killed after reserving stock and restarted, then the retried key gives one order, one charge, correct stock', async () => {
    const adminApi = await admin(gatewayUrl, stack.env);
    const product = await productInStock(adminApi, 5);
    const shopper = await newShopper(gatewayUrl);
    await shopper.api.cart.addCartItem({ addCartItemRequest: { productId: product.id, quantity: 2 } });
    const stockOf = async () =>
      (await clients(gatewayUrl).products.getProduct({ productId: product.id })).stock;

    const idempotencyKey = randomUUID();
    const checkout = () =>
      fetch(`${gatewayUrl}/v1/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${shopper.accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ paymentMethodId: 'pm_card_visa', shippingAddress }),
      });
    const firstAttempt = checkout().catch((error: unknown) => error);

    // Stock reserved: the checkout is between reservation and the payment's answer.
    expect(
      await eventually(async () => {
        const stock = await stockOf();
        expect(stock, 'the stock once two are reserved').toBe(3);
        return stock;
      }, STACK_WAIT),
    ).toBe(3);
    await stack.kill('orders');
    const lost = await firstAttempt;
    expect(lost instanceof Response ? lost.status : 'connection lost').not.toBe(201);

    await stack.restart('orders');
    let retried = await checkout();
    for (let attempt = 0; attempt < 20 && retried.status === 409; attempt++) {
      const body = (await retried.json()) as { type?: string };
      if (body.type !== 'https://shopeasy.example/problems/checkout-in-progress') break;
      await new Promise((resolve) =>
        setTimeout(resolve, Number(retried.headers.get('retry-after') ?? 1) * 1000),
      );
      retried = await checkout();
    }
    expect(retried.status).toBe(201);
    const order = (await retried.json()) as { id: string; status: string };
    expect(order.status).toBe('paid');

    const orders = await shopper.api.orders.listOrders({});
    expect(orders.items.map((o) => o.id)).toEqual([order.id]);
    expect(await sandboxCharges(orders.items.map((o) => o.id))).toBe(1);
    expect(await stockOf()).toBe(3);
  });
});
