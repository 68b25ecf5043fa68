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

/** Polls until `check` passes or the deadline is reached; returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const shippingAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
