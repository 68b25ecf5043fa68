import { randomUUID } from 'node:crypto';
import type { Clients } from './shopper.js';

/** A fresh category with one product, created by the admin through the gateway. */
export async function productInStock(adminApi: Clients, stock: number, amount = 2599) {
  const category = await adminApi.categories.createCategory({
    createCategoryRequest: { name: `E2E ${randomUUID().slice(0, 8)}` },
  });
  return adminApi.products.createProduct({
    createProductRequest: {
      categoryId: category.id,
      name: `Trail mug ${randomUUID().slice(0, 6)}`,
      description: 'An enamel mug that survives every trip.',
      price: { amount, currency: 'EUR' },
      stock,
    },
  });
}

/**
 * How long a flow waits for the stack's asynchronous work (streams, queues, the trace collector,
 * metric flushes) with the kit's `eventually`, and how often it looks.
 */
export const STACK_WAIT = { timeoutMs: 20_000, intervalMs: 250 };

export const shippingAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
