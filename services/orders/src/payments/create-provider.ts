import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrdersConfig } from '../config.js';
import type { PaymentProvider } from '../domain/payment-provider.js';
import { createSandboxProvider } from './sandbox-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { unconfiguredProvider } from './unconfigured.js';

/** The payment provider PAYMENT_PROVIDER names; one that refuses every call while its key is missing. */
export function createPaymentProvider(config: OrdersConfig, db: DynamoDBDocumentClient): PaymentProvider {
  if (config.PAYMENT_PROVIDER === 'stripe') {
    if (!config.STRIPE_SECRET_KEY) return unconfiguredProvider('stripe', 'STRIPE_SECRET_KEY');
    return createStripeProvider({
      secretKey: config.STRIPE_SECRET_KEY,
      ...(config.STRIPE_API_URL ? { apiUrl: config.STRIPE_API_URL } : {}),
      timeoutMs: config.PAYMENT_TIMEOUT_MS,
    });
  }
  return createSandboxProvider(db, config.ORDERS_TABLE, { delayMs: config.SANDBOX_PAYMENT_DELAY_MS });
}
