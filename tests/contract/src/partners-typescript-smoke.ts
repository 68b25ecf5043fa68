import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as api from '@shopeasy/api-client';

const shippingAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

function configuration(baseUrl: string, accessToken?: string): api.Configuration {
  return new api.Configuration({
    basePath: baseUrl,
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
}

/** Browses category by category, as a shop front would, for a seeded product that can be bought. */
async function firstProductInStock(baseUrl: string): Promise<api.Product> {
  const products = new api.ProductsApi(configuration(baseUrl));
  const categories = await new api.CategoriesApi(configuration(baseUrl)).listCategories({ limit: 50 });
  for (const category of categories.items) {
    const page = await products.listCategoryProducts({ categoryId: category.id, limit: 50 });
    const product = page.items.find((p) => p.stock >= 1);
    if (product) return product;
  }
  throw new Error('No product in stock in any category');
}

/**
 * A partner's purchase with the generated TypeScript client against a live ShopEasy: a fresh
 * customer registers, logs in, browses, buys one seeded product with pm_card_visa and reads the
 * order back. Throws on the first answer that is not this customer's own purchase.
 */
export async function typescriptSmoke(baseUrl: string): Promise<void> {
  const email = `partner-ts-${randomUUID()}@example.com`;
  const password = 'correct-horse-battery-staple';
  const auth = new api.AuthApi(configuration(baseUrl));
  const user = await auth.registerUser({ registerRequest: { email, password, name: 'TypeScript Partner' } });
  const tokens = await auth.login({ loginRequest: { email, password } });
  assert.equal(user.email, email);
  assert.equal(user.role, 'customer');
  assert.equal(tokens.tokenType, 'Bearer');

  const product = await firstProductInStock(baseUrl);
  const shopper = configuration(baseUrl, tokens.accessToken);
  const shown = await new api.ProductsApi(shopper).getProduct({ productId: product.id });
  assert.equal(shown.id, product.id);
  const cart = await new api.CartApi(shopper).addCartItem({
    addCartItemRequest: { productId: product.id, quantity: 1 },
  });
  assert.deepEqual(
    cart.items.map((line) => [line.productId, line.quantity]),
    [[product.id, 1]],
  );

  const orders = new api.OrdersApi(shopper);
  const order = await orders.createOrder({
    idempotencyKey: randomUUID(),
    checkoutRequest: { paymentMethodId: 'pm_card_visa', shippingAddress },
  });
  assert.equal(order.status, 'paid');
  assert.equal(order.userId, user.id);
  assert.deepEqual(order.total, shown.price);
  const readBack = await orders.getOrder({ orderId: order.id });
  assert.deepEqual(
    { id: readBack.id, status: readBack.status, items: readBack.items, total: readBack.total },
    { id: order.id, status: 'paid', items: order.items, total: shown.price },
  );
  assert.deepEqual(
    readBack.items.map((line) => [line.productId, line.quantity]),
    [[product.id, 1]],
  );
  // As on the wire: the client model spells an absent line2 as undefined.
  assert.deepEqual(JSON.parse(JSON.stringify(readBack.shippingAddress)), shippingAddress);
}
